import type { ScannerPlugin } from '@vigil/core';

/** Every scanner `vigil scan` can run, by id; each is imported only when selected. */
const loaders: Record<string, () => Promise<ScannerPlugin>> = {
  secrets: async () => (await import('@vigil/secrets')).secretsScanner,
  deps: async () => (await import('@vigil/deps')).depsScanner,
  code: async () => (await import('@vigil/code')).codeScanner,
  iac: async () => (await import('@vigil/iac')).iacScanner,
};

export const SCANNER_IDS: readonly string[] = Object.keys(loaders);

export function isScannerId(id: string): boolean {
  return Object.hasOwn(loaders, id);
}

export async function loadScanners(ids: readonly string[]): Promise<ScannerPlugin[]> {
  return Promise.all(
    ids.map((id) => {
      const load = loaders[id];
      if (!load) throw new Error(`unknown scanner ${id}`);
      return load();
    }),
  );
}

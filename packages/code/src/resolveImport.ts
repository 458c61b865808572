import { posix } from 'node:path';

const EXTENSIONS = ['.ts', '.tsx', '.js', '.jsx', '.mjs', '.cjs', '.mts', '.cts'];

/**
 * The scanned file a relative specifier names, trying what Node and TypeScript try: the exact
 * path, added extensions, `index` files, and `.js` written for a `.ts` source.
 */
export function resolveImport(
  fromPath: string,
  specifier: string,
  exists: (path: string) => boolean,
): string | undefined {
  const base = posix.normalize(posix.join(posix.dirname(fromPath), specifier));
  if (base.startsWith('../')) return undefined;
  const candidates = [base, ...EXTENSIONS.map((ext) => base + ext)];
  const swapped = /\.(?:[cm]?js|jsx)$/.exec(base);
  if (swapped) {
    const stem = base.slice(0, base.length - swapped[0].length);
    candidates.push(...['.ts', '.tsx', '.mts', '.cts'].map((ext) => stem + ext));
  }
  candidates.push(...EXTENSIONS.map((ext) => `${base}/index${ext}`));
  return candidates.find(exists);
}

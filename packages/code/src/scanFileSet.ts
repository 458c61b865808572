import {
  defaultConfig,
  sourceFile,
  type Finding,
  type ScanWarning,
  type VigilConfig,
} from '@vigil/core';
import { codeScanner } from './codeScanner.js';

/**
 * Runs the code scanner over files held in memory (path → text), as the pipeline would: each
 * accepted file through `scanFile`, then `finish` for cross-file flows. For tests, evaluations
 * and tools that have the text already.
 */
export async function scanFileSet(
  files: Iterable<readonly [string, string]> | Record<string, string>,
  code: Partial<VigilConfig['code']> = {},
): Promise<{ findings: Finding[]; warnings: ScanWarning[] }> {
  const config = defaultConfig();
  const warnings: ScanWarning[] = [];
  const scan = codeScanner.create({
    root: '/',
    config: { ...config, code: { ...config.code, ...code } },
    warn: (warning) => warnings.push(warning),
  });
  const findings: Finding[] = [];
  const entries = Symbol.iterator in files ? [...files] : Object.entries(files);
  for (const [path, text] of entries) {
    if (scan.accepts && !scan.accepts(path)) continue;
    findings.push(...scan.scanFile(sourceFile(path, Buffer.from(text))));
  }
  findings.push(...((await scan.finish?.()) ?? []));
  return { findings, warnings };
}

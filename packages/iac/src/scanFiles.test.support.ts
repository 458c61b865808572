import {
  defaultConfig,
  sourceFile,
  type Finding,
  type ScanWarning,
  type VigilConfig,
} from '@vigil/core';
import { iacScanner } from './iacScanner.js';
import type { IacExample } from './rule.js';

/**
 * Runs the iac scanner over in-memory files as the pipeline would: accepts, scanFile, finish.
 * `root` is where the scanner may read referenced files (DH parameters) from.
 */
export async function scanFiles(
  files: Readonly<Record<string, string>>,
  iac: IacExample['config'] = {},
  root = '/nonexistent',
): Promise<{ findings: Finding[]; warnings: ScanWarning[] }> {
  const base = defaultConfig();
  const config: VigilConfig = {
    ...base,
    iac: {
      ...base.iac,
      ...(iac.approvedBaseImages ? { approvedBaseImages: [...iac.approvedBaseImages] } : {}),
      ...(iac.approvedRegistries ? { approvedRegistries: [...iac.approvedRegistries] } : {}),
      ...(iac.requireDigest === undefined ? {} : { requireDigest: iac.requireDigest }),
      ...(iac.tlsProfile ? { tlsProfile: iac.tlsProfile } : {}),
    },
  };
  const warnings: ScanWarning[] = [];
  const scanner = iacScanner.create({
    root,
    config,
    warn: (w) => warnings.push(w),
  });
  const findings: Finding[] = [];
  for (const [path, content] of Object.entries(files)) {
    if (scanner.accepts && !scanner.accepts(path)) continue;
    findings.push(...scanner.scanFile(sourceFile(path, Buffer.from(content))));
  }
  findings.push(...((await scanner.finish?.()) ?? []));
  return { findings, warnings };
}

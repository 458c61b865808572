import { controlParagraphs } from './controlParagraphs.js';
import type { OsPackageParse } from './osPackage.js';

/**
 * The installed packages of a dpkg `status` file (or one file of distroless `status.d/`).
 * Packages whose `Status` does not end in `installed` (removed, config files only, half
 * installed) are left out. The source package comes from `Source:` ("name" or "name (version)"),
 * else the binary package is its own source: Debian advisories are filed per source package.
 */
export function parseDpkgStatus(text: string): OsPackageParse {
  const packages: OsPackageParse['packages'] = [];
  const warnings: string[] = [];
  for (const paragraph of controlParagraphs(text)) {
    const { fields, line } = paragraph;
    const status = fields.get('Status');
    if (status !== undefined && status.split(/\s+/)[2] !== 'installed') continue;
    const name = fields.get('Package');
    const version = fields.get('Version');
    if (!name || !version) {
      warnings.push(`line ${line}: entry without ${name ? 'Version' : 'Package'}; skipped`);
      continue;
    }
    const source = /^(\S+)(?:\s+\(([^)]+)\))?/.exec(fields.get('Source') ?? '');
    const arch = fields.get('Architecture');
    packages.push({
      name,
      version,
      ...(arch ? { arch } : {}),
      sourceName: source?.[1] ?? name,
      sourceVersion: source?.[2]?.trim() ?? version,
      line,
    });
  }
  return { packages, warnings };
}

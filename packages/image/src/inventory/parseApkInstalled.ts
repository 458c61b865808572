import type { OsPackageParse } from './osPackage.js';

/**
 * The packages of Alpine's `/lib/apk/db/installed`: blank-line separated stanzas of `K:value`
 * lines (`P` name, `V` version, `A` arch, `o` origin, the source package advisories name).
 */
export function parseApkInstalled(text: string): OsPackageParse {
  const packages: OsPackageParse['packages'] = [];
  const warnings: string[] = [];
  let fields = new Map<string, string>();
  let start = 1;
  const flush = () => {
    if (fields.size === 0) return;
    const name = fields.get('P');
    const version = fields.get('V');
    if (!name || !version) {
      warnings.push(`line ${start}: entry without ${name ? 'V:' : 'P:'}; skipped`);
    } else {
      const arch = fields.get('A');
      packages.push({
        name,
        version,
        ...(arch ? { arch } : {}),
        sourceName: fields.get('o') ?? name,
        sourceVersion: version,
        line: start,
      });
    }
    fields = new Map();
  };
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = (lines[i] ?? '').replace(/\r$/, '');
    if (line === '') {
      flush();
      continue;
    }
    if (fields.size === 0) start = i + 1;
    if (line[1] === ':') {
      const key = line[0] ?? '';
      if (!fields.has(key)) fields.set(key, line.slice(2));
    }
  }
  flush();
  return { packages, warnings };
}

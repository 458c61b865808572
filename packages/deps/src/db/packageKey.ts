import { normalisePackageName } from '../osv/affectedEntries.js';

/** Separates the ecosystem from the name inside an index key; never part of either. */
const KEY_SEPARATOR = '\u001f';

/**
 * The database segment an ecosystem's records live in: the part before the release, so
 * `Debian:12` and `Debian:11` share the `Debian` segment (one OSV export per base ecosystem).
 *
 * @example baseEcosystem('Alpine:v3.20') // 'Alpine'
 */
export function baseEcosystem(ecosystem: string): string {
  const colon = ecosystem.indexOf(':');
  return colon < 0 ? ecosystem : ecosystem.slice(0, colon);
}

/**
 * The index key of a package: its full ecosystem (release included) and its name in the
 * ecosystem's normal form; `undefined` for names that cannot be stored in an index line.
 */
export function packageKey(ecosystem: string, name: string): string | undefined {
  const text = ecosystem + name;
  if (text.includes('\t') || text.includes('\n') || text.includes(KEY_SEPARATOR)) return undefined;
  return `${ecosystem}${KEY_SEPARATOR}${normalisePackageName(ecosystem, name)}`;
}

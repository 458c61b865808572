/**
 * The OSV record format (https://ossf.github.io/osv-schema/) and a hand-written validator for
 * records read from advisory databases. Fields Vigil does not use are kept but not described;
 * unknown extra fields are tolerated, so a newer schema version does not break the scanner.
 */

export type OsvRangeType = 'SEMVER' | 'ECOSYSTEM' | 'GIT';

/** One event of a range; a valid event carries exactly one of the four fields. */
export interface OsvEvent {
  readonly introduced?: string;
  readonly fixed?: string;
  readonly last_affected?: string;
  readonly limit?: string;
}

export interface OsvRange {
  readonly type: OsvRangeType;
  readonly repo?: string;
  readonly events: readonly OsvEvent[];
  readonly database_specific?: Readonly<Record<string, unknown>>;
}

export interface OsvPackage {
  readonly ecosystem: string;
  readonly name: string;
  readonly purl?: string;
}

export interface OsvSeverity {
  readonly type: string;
  readonly score: string;
}

export interface OsvAffected {
  /** Absent in records that describe GIT ranges only. */
  readonly package?: OsvPackage;
  readonly severity?: readonly OsvSeverity[] | null;
  readonly ranges?: readonly OsvRange[];
  readonly versions?: readonly string[];
  readonly ecosystem_specific?: Readonly<Record<string, unknown>>;
  readonly database_specific?: Readonly<Record<string, unknown>>;
}

export interface OsvReference {
  readonly type: string;
  readonly url: string;
}

export interface OsvRecord {
  readonly schema_version?: string;
  readonly id: string;
  readonly modified: string;
  readonly published?: string;
  readonly withdrawn?: string;
  readonly aliases?: readonly string[] | null;
  readonly related?: readonly string[];
  readonly upstream?: readonly string[];
  readonly summary?: string;
  readonly details?: string;
  readonly severity?: readonly OsvSeverity[] | null;
  readonly affected?: readonly OsvAffected[] | null;
  readonly references?: readonly OsvReference[] | null;
  readonly database_specific?: Readonly<Record<string, unknown>>;
}

export type OsvRecordParse =
  | { readonly ok: true; readonly record: OsvRecord }
  | { readonly ok: false; readonly problems: readonly string[] };

const RANGE_TYPES: ReadonlySet<string> = new Set<OsvRangeType>(['SEMVER', 'ECOSYSTEM', 'GIT']);
const SEVERITY_TYPES: ReadonlySet<string> = new Set(['CVSS_V2', 'CVSS_V3', 'CVSS_V4', 'Ubuntu']);
const REFERENCE_TYPES: ReadonlySet<string> = new Set([
  'ADVISORY',
  'ARTICLE',
  'DETECTION',
  'DISCUSSION',
  'REPORT',
  'FIX',
  'INTRODUCED',
  'GIT',
  'PACKAGE',
  'EVIDENCE',
  'WEB',
]);
const EVENT_KINDS = ['introduced', 'fixed', 'last_affected', 'limit'] as const;
// RFC 3339 in UTC, as the schema's `timestamp` definition requires.
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;
// GIT range events name full-length commit hashes (SHA-1 or SHA-256), or "0".
const GIT_EVENT = /^(0|[a-f0-9]{40}|[a-f0-9]{64})$/;

/**
 * Checks an OSV record parsed from JSON or YAML (timestamps as strings) and lists every bad field.
 *
 * @example parseOsvRecord(JSON.parse(text)) // { ok: true, record } or { ok: false, problems }
 */
export function parseOsvRecord(json: unknown): OsvRecordParse {
  const problems: string[] = [];
  checkRecord(json, problems);
  return problems.length === 0 ? { ok: true, record: json as OsvRecord } : { ok: false, problems };
}

type Fields = Readonly<Record<string, unknown>>;

function isObject(value: unknown): value is Fields {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function checkRecord(json: unknown, problems: string[]): void {
  if (!isObject(json)) {
    problems.push('record: must be an object');
    return;
  }
  if (typeof json.id !== 'string' || json.id === '')
    problems.push('id: must be a non-empty string');
  if (typeof json.modified !== 'string') problems.push('modified: must be a timestamp string');
  for (const key of ['modified', 'published', 'withdrawn']) checkTimestamp(json, key, problems);
  for (const key of ['schema_version', 'summary', 'details'])
    checkOptionalString(json, key, key, problems);
  checkStringList(json.aliases, 'aliases', true, problems);
  checkStringList(json.related, 'related', false, problems);
  checkStringList(json.upstream, 'upstream', false, problems);
  checkSeverities(json.severity, 'severity', problems);
  checkOptionalObject(json, 'database_specific', 'database_specific', problems);
  checkReferences(json.references, problems);
  const affected = json.affected;
  if (affected === undefined || affected === null) return;
  if (!Array.isArray(affected)) {
    problems.push('affected: must be an array');
    return;
  }
  affected.forEach((entry: unknown, index) => {
    checkAffected(entry, `affected[${index}]`, problems);
  });
}

function checkTimestamp(fields: Fields, key: string, problems: string[]): void {
  const value = fields[key];
  if (value === undefined || (typeof value === 'string' && TIMESTAMP.test(value))) return;
  problems.push(`${key}: must be an RFC 3339 UTC timestamp string (YYYY-MM-DDTHH:MM:SSZ)`);
}

function checkOptionalString(fields: Fields, key: string, path: string, problems: string[]): void {
  const value = fields[key];
  if (value !== undefined && typeof value !== 'string') problems.push(`${path}: must be a string`);
}

function checkOptionalObject(fields: Fields, key: string, path: string, problems: string[]): void {
  const value = fields[key];
  if (value !== undefined && !isObject(value)) problems.push(`${path}: must be an object`);
}

function checkStringList(
  value: unknown,
  path: string,
  nullable: boolean,
  problems: string[],
): void {
  if (value === undefined || (nullable && value === null)) return;
  if (!Array.isArray(value)) {
    problems.push(`${path}: must be an array of strings`);
    return;
  }
  value.forEach((item: unknown, index) => {
    if (typeof item !== 'string') problems.push(`${path}[${index}]: must be a string`);
  });
}

function checkSeverities(value: unknown, path: string, problems: string[]): void {
  if (value === undefined || value === null) return;
  if (!Array.isArray(value)) {
    problems.push(`${path}: must be an array`);
    return;
  }
  value.forEach((item: unknown, index) => {
    const where = `${path}[${index}]`;
    if (!isObject(item)) {
      problems.push(`${where}: must be an object`);
      return;
    }
    if (typeof item.type !== 'string' || !SEVERITY_TYPES.has(item.type))
      problems.push(`${where}.type: must be one of ${[...SEVERITY_TYPES].join(', ')}`);
    if (typeof item.score !== 'string') problems.push(`${where}.score: must be a string`);
  });
}

function checkReferences(value: unknown, problems: string[]): void {
  if (value === undefined || value === null) return;
  if (!Array.isArray(value)) {
    problems.push('references: must be an array');
    return;
  }
  value.forEach((item: unknown, index) => {
    const where = `references[${index}]`;
    if (!isObject(item)) {
      problems.push(`${where}: must be an object`);
      return;
    }
    if (typeof item.type !== 'string' || !REFERENCE_TYPES.has(item.type))
      problems.push(`${where}.type: must be one of ${[...REFERENCE_TYPES].join(', ')}`);
    if (typeof item.url !== 'string') problems.push(`${where}.url: must be a string`);
  });
}

function checkAffected(entry: unknown, path: string, problems: string[]): void {
  if (!isObject(entry)) {
    problems.push(`${path}: must be an object`);
    return;
  }
  const pkg = entry.package;
  if (pkg !== undefined) {
    if (!isObject(pkg)) problems.push(`${path}.package: must be an object`);
    else {
      if (typeof pkg.ecosystem !== 'string' || pkg.ecosystem === '')
        problems.push(`${path}.package.ecosystem: must be a non-empty string`);
      if (typeof pkg.name !== 'string') problems.push(`${path}.package.name: must be a string`);
      checkOptionalString(pkg, 'purl', `${path}.package.purl`, problems);
    }
  }
  checkSeverities(entry.severity, `${path}.severity`, problems);
  checkStringList(entry.versions, `${path}.versions`, false, problems);
  checkOptionalObject(entry, 'ecosystem_specific', `${path}.ecosystem_specific`, problems);
  checkOptionalObject(entry, 'database_specific', `${path}.database_specific`, problems);
  const ranges = entry.ranges;
  if (ranges === undefined) return;
  if (!Array.isArray(ranges)) {
    problems.push(`${path}.ranges: must be an array`);
    return;
  }
  ranges.forEach((range: unknown, index) => {
    checkRange(range, `${path}.ranges[${index}]`, problems);
  });
}

function checkRange(range: unknown, path: string, problems: string[]): void {
  if (!isObject(range)) {
    problems.push(`${path}: must be an object`);
    return;
  }
  const type = range.type;
  if (typeof type !== 'string' || !RANGE_TYPES.has(type))
    problems.push(`${path}.type: must be one of SEMVER, ECOSYSTEM, GIT`);
  checkOptionalString(range, 'repo', `${path}.repo`, problems);
  if (type === 'GIT' && range.repo === undefined)
    problems.push(`${path}.repo: GIT ranges need a repo`);
  checkOptionalObject(range, 'database_specific', `${path}.database_specific`, problems);
  const events = range.events;
  if (!Array.isArray(events) || events.length === 0) {
    problems.push(`${path}.events: must be a non-empty array`);
    return;
  }
  const kinds = new Set<string>();
  events.forEach((event: unknown, index) => {
    const where = `${path}.events[${index}]`;
    if (!isObject(event)) {
      problems.push(`${where}: must be an object`);
      return;
    }
    const present = EVENT_KINDS.filter((kind) => event[kind] !== undefined);
    const [kind] = present;
    if (kind === undefined || present.length > 1) {
      problems.push(`${where}: must have exactly one of ${EVENT_KINDS.join(', ')}`);
      return;
    }
    kinds.add(kind);
    const value = event[kind];
    if (typeof value !== 'string') problems.push(`${where}.${kind}: must be a string`);
    else if (type === 'GIT' && !GIT_EVENT.test(value))
      problems.push(`${where}.${kind}: GIT ranges need full-length commit hashes, got "${value}"`);
  });
  if (!kinds.has('introduced')) problems.push(`${path}.events: must contain an introduced event`);
  if (kinds.has('fixed') && kinds.has('last_affected'))
    problems.push(`${path}.events: must not mix fixed and last_affected events`);
}

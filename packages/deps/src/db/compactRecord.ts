import type { OsvAffected, OsvRecord, OsvReference } from '../osv/osvRecord.js';

const MAX_DETAILS = 1_000;
const MAX_REFERENCES = 12;

/**
 * The parts of a validated record a scan uses, so the database stays small and fast to read:
 * `GIT` ranges (never evaluated without the commit graph), long details and per-package
 * metadata other than severity are dropped. The result is still a valid OSV record.
 */
export function compactRecord(record: OsvRecord): OsvRecord {
  const affected = (record.affected ?? []).flatMap((entry): OsvAffected[] => {
    if (entry.package === undefined) return [];
    const ranges = (entry.ranges ?? []).filter((range) => range.type !== 'GIT');
    return [
      {
        package: entry.package,
        ...(entry.severity ? { severity: entry.severity } : {}),
        ...(ranges.length > 0 ? { ranges } : {}),
        ...(entry.versions && entry.versions.length > 0 ? { versions: entry.versions } : {}),
        ...(severityOnly(entry.database_specific) ?? {}),
      },
    ];
  });
  const details =
    record.details !== undefined && record.details.length > MAX_DETAILS
      ? `${record.details.slice(0, MAX_DETAILS)}…`
      : record.details;
  return {
    id: record.id,
    modified: record.modified,
    ...(record.published === undefined ? {} : { published: record.published }),
    ...(record.withdrawn === undefined ? {} : { withdrawn: record.withdrawn }),
    ...(record.aliases && record.aliases.length > 0 ? { aliases: record.aliases } : {}),
    ...(record.summary === undefined ? {} : { summary: record.summary }),
    ...(details === undefined ? {} : { details }),
    ...(record.severity && record.severity.length > 0 ? { severity: record.severity } : {}),
    affected,
    ...(record.references ? { references: pickReferences(record.references) } : {}),
    ...(severityOnly(record.database_specific) ?? {}),
  };
}

/** What a finding uses of `database_specific`: GitHub's severity label and CWE ids. */
function severityOnly(
  specific: Readonly<Record<string, unknown>> | undefined,
): { database_specific: { severity?: string; cwe_ids?: string[] } } | undefined {
  const severity = specific?.severity;
  const cweIds = Array.isArray(specific?.cwe_ids)
    ? specific.cwe_ids.filter((id): id is string => typeof id === 'string')
    : [];
  if (typeof severity !== 'string' && cweIds.length === 0) return undefined;
  return {
    database_specific: {
      ...(typeof severity === 'string' ? { severity } : {}),
      ...(cweIds.length > 0 ? { cwe_ids: cweIds } : {}),
    },
  };
}

/** Advisories first, then fixes, then the rest, as a reader wants them. */
function pickReferences(references: readonly OsvReference[]): OsvReference[] {
  const rank = (type: string): number => (type === 'ADVISORY' ? 0 : type === 'FIX' ? 1 : 2);
  return [...references].sort((a, b) => rank(a.type) - rank(b.type)).slice(0, MAX_REFERENCES);
}

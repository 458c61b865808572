import ignore from 'ignore';
import type { IgnoreEntry } from '../config/schema.js';
import type { Finding } from '../finding.js';
import { isAtLeast, type Severity } from '../severity.js';
import { ruleMatches, type InlineIgnore } from './inlineIgnore.js';

export type Suppression =
  | { kind: 'inline'; reason: string }
  | { kind: 'config'; reason: string; until?: string }
  | { kind: 'baseline' };

export interface EvaluatedFinding {
  finding: Finding;
  /** Why the finding does not count, if it does not. */
  suppression?: Suppression;
  /** Whether this finding, on its own, fails the gate. */
  blocking: boolean;
}

export interface PolicyOptions {
  failOn: Severity | 'none';
  ignores: readonly IgnoreEntry[];
  baseline?: ReadonlySet<string>;
  /** Today as YYYY-MM-DD; an ignore whose `until` is before it no longer applies. */
  today: string;
}

export interface PolicyVerdict {
  results: EvaluatedFinding[];
  failed: boolean;
  /** Messages for the user, e.g. ignores that expired. */
  notices: string[];
}

export interface CandidateFinding {
  finding: Finding;
  inline?: InlineIgnore;
}

function pathOf(finding: Finding): string | undefined {
  const { location } = finding;
  if (location.kind === 'file') return location.path;
  if (location.kind === 'package') return location.file?.path;
  return undefined;
}

function describeIgnore(entry: IgnoreEntry): string {
  const parts = [
    entry.rule && `rule ${entry.rule}`,
    entry.path && `path ${entry.path}`,
    entry.fingerprint && `fingerprint ${entry.fingerprint}`,
  ].filter(Boolean);
  return parts.join(', ');
}

function matcher(entry: IgnoreEntry): (finding: Finding) => boolean {
  const paths = entry.path ? ignore().add(entry.path) : undefined;
  return (finding) => {
    if (entry.rule && !ruleOrAliasMatches(entry.rule, finding)) return false;
    if (entry.fingerprint && entry.fingerprint !== finding.fingerprint) return false;
    if (paths) {
      const path = pathOf(finding);
      if (!path || !paths.ignores(path)) return false;
    }
    return true;
  };
}

function ruleOrAliasMatches(named: string, finding: Finding): boolean {
  if (ruleMatches(named, finding.ruleId)) return true;
  const wanted = named.slice(named.indexOf('/') + 1);
  return (finding.aliases ?? []).some((alias) => alias === wanted);
}

/** Applies ignores, inline directives and the baseline, then decides the gate. */
export function applyPolicy(
  candidates: readonly CandidateFinding[],
  options: PolicyOptions,
): PolicyVerdict {
  const entries = options.ignores.map((entry) => ({
    entry,
    matches: matcher(entry),
    expired: entry.until !== undefined && entry.until < options.today,
    used: 0,
  }));
  const results: EvaluatedFinding[] = [];

  for (const { finding, inline } of candidates) {
    let suppression: Suppression | undefined;
    if (inline) suppression = { kind: 'inline', reason: inline.reason || 'inline vigil-ignore' };
    for (const candidate of entries) {
      if (suppression) break;
      if (!candidate.matches(finding)) continue;
      candidate.used++;
      if (candidate.expired) continue;
      suppression = {
        kind: 'config',
        reason: candidate.entry.reason,
        until: candidate.entry.until,
      };
    }
    if (!suppression && options.baseline?.has(finding.fingerprint)) {
      suppression = { kind: 'baseline' };
    }
    const blocking =
      !suppression &&
      finding.nonBlocking === undefined &&
      options.failOn !== 'none' &&
      isAtLeast(finding.severity, options.failOn);
    results.push({ finding, suppression, blocking });
  }

  const notices = entries
    .filter((candidate) => candidate.expired && candidate.used > 0)
    .map(
      ({ entry, used }) =>
        `ignore (${describeIgnore(entry)}) expired on ${entry.until ?? ''}: ${used} finding${used === 1 ? '' : 's'} count again`,
    );

  return { results, failed: results.some((result) => result.blocking), notices };
}

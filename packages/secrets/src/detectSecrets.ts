import { fingerprint, redactSecret, sha256, type Finding, type SourceFile } from '@vigil/core';
import { isAllowedValue, isLockfile } from './allowlist.js';
import type { CompiledRule, RuleSet } from './compileRules.js';
import { shannonEntropy } from './entropy.js';
import { LineIndex } from './lineIndex.js';
import type { RawSecretMatch, SecretRule } from './rule.js';

const DEFAULT_REMEDIATION =
  'Revoke and rotate this credential at its provider, remove it from the code and from git ' +
  'history, and load it at run time from a secret store or the environment.';

interface Match extends RawSecretMatch {
  rule: SecretRule;
}

/** The rules whose keywords occur in `bytes`, in rule order. */
function candidateRules(bytes: Uint8Array, ruleSet: RuleSet): CompiledRule[] {
  const found = new Uint8Array(ruleSet.keywords.keywordCount);
  if (ruleSet.keywords.search(bytes, found) === 0) return [];
  const selected = new Uint8Array(ruleSet.rules.length);
  for (let id = 0; id < found.length; id++) {
    if (found[id] === 0) continue;
    for (const index of ruleSet.rulesByKeyword[id] ?? []) selected[index] = 1;
  }
  return ruleSet.rules.filter((_, index) => selected[index] === 1);
}

function secretOf(match: RegExpExecArray): RawSecretMatch | undefined {
  const named = match.indices?.groups?.secret;
  const span = named ?? match.indices?.[1] ?? match.indices?.[0];
  if (!span) return undefined;
  const secret = match.groups?.secret ?? match[1] ?? match[0];
  return { secret, start: span[0], end: span[1] };
}

function rawMatches(compiled: CompiledRule, text: string, path: string): RawSecretMatch[] {
  const { rule, pattern } = compiled;
  if (rule.detect) return rule.detect(text, path);
  if (!pattern) return [];
  const out: RawSecretMatch[] = [];
  pattern.lastIndex = 0;
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
    if (match[0].length === 0) pattern.lastIndex++;
    const found = secretOf(match);
    if (found) out.push(found);
  }
  return out;
}

function accepted(rule: SecretRule, secret: string, ruleSet: RuleSet): boolean {
  if (secret.length === 0 || isAllowedValue(secret)) return false;
  if (rule.allow?.some((pattern) => pattern.test(secret))) return false;
  if (ruleSet.allow.some((pattern) => pattern.test(secret))) return false;
  if (rule.minEntropy !== undefined && shannonEntropy(secret) < rule.minEntropy) return false;
  return rule.verify ? rule.verify(secret) : true;
}

/** Drops generic matches that overlap a provider match, and exact duplicates. */
function resolveOverlaps(matches: Match[]): Match[] {
  const specific = matches.filter((m) => !m.rule.generic);
  const kept: Match[] = [];
  const spans = new Set<string>();
  for (const match of matches) {
    const span = `${match.start}:${match.end}`;
    if (spans.has(span)) continue;
    if (match.rule.generic && specific.some((s) => s.start < match.end && match.start < s.end)) {
      continue;
    }
    spans.add(span);
    kept.push(match);
  }
  return kept;
}

/** Finds the secrets in one file. Pure: no I/O, and the secret value never leaves it. */
export function detectSecrets(file: SourceFile, ruleSet: RuleSet): Finding[] {
  const candidates = candidateRules(file.bytes, ruleSet);
  if (candidates.length === 0) return [];
  const text = file.text;
  const lockfile = isLockfile(file.path);
  const matches: Match[] = [];
  for (const compiled of candidates) {
    const { rule } = compiled;
    if (rule.generic && lockfile) continue;
    if (rule.paths && !rule.paths.test(file.path)) continue;
    for (const raw of rawMatches(compiled, text, file.path)) {
      if (accepted(rule, raw.secret, ruleSet)) matches.push({ ...raw, rule });
    }
  }
  if (matches.length === 0) return [];

  const lines = new LineIndex(text);
  return resolveOverlaps(matches).map(({ rule, secret, start, end }) => {
    const ruleId = `secrets/${rule.id}`;
    const from = lines.position(start);
    const to = lines.position(end);
    const evidence = redactSecret(secret);
    return {
      ruleId,
      scanner: 'secrets',
      severity: rule.severity,
      confidence: rule.confidence,
      title: rule.title,
      message: `${rule.title}: ${evidence.redacted} (${evidence.length} characters)`,
      location: {
        kind: 'file',
        path: file.path,
        startLine: from.line,
        startColumn: from.column,
        endLine: to.line,
        endColumn: to.column,
      },
      cwe: [...(rule.cwe ?? ['CWE-798'])],
      remediation: rule.remediation ?? DEFAULT_REMEDIATION,
      references: [...rule.references],
      fingerprint: fingerprint(ruleId, file.path, sha256(secret)),
      evidence,
    } satisfies Finding;
  });
}

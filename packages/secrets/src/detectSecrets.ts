import { isAscii } from 'node:buffer';
import { fingerprint, redactSecret, sha256, type Finding, type SourceFile } from '@vigil/core';
import { isAllowedValue, isLockfile } from './allowlist.js';
import type { CompiledRule, RuleSet } from './compileRules.js';
import { shannonEntropy } from './entropy.js';
import { keywordWindows, type Window } from './keywordWindows.js';
import { LineIndex } from '@vigil/core';
import type { RawSecretMatch, SecretRule } from './rule.js';

const DEFAULT_REMEDIATION =
  'Revoke and rotate this credential at its provider, remove it from the code and from git ' +
  'history, and load it at run time from a secret store or the environment.';

/** Past this many occurrences of a keyword in one file, a rule scans the whole file instead. */
const MAX_WINDOWS_PER_KEYWORD = 256;

const decoder = new TextDecoder('utf-8', { fatal: false });

interface Position {
  line: number;
  column: number;
}

interface Match {
  rule: SecretRule;
  secret: string;
  from: Position;
  to: Position;
}

/** Orders positions as one number (line-major) for overlap checks. */
function order(position: Position): number {
  return position.line * 2 ** 30 + position.column;
}

function secretOf(match: RegExpExecArray): RawSecretMatch | undefined {
  const named = match.indices?.groups?.secret;
  const span = named ?? match.indices?.[1] ?? match.indices?.[0];
  if (!span) return undefined;
  const secret = match.groups?.secret ?? match[1] ?? match[0];
  return { secret, start: span[0], end: span[1] };
}

function* regexMatches(
  pattern: RegExp,
  text: string,
): Generator<{ raw: RawSecretMatch; whole: [number, number] }> {
  pattern.lastIndex = 0;
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
    if (match[0].length === 0) pattern.lastIndex++;
    const raw = secretOf(match);
    if (raw) yield { raw, whole: [match.index, match.index + match[0].length] };
  }
}

function accepted(rule: SecretRule, secret: string, ruleSet: RuleSet): boolean {
  if (secret.length === 0 || isAllowedValue(secret)) return false;
  if (rule.allow?.some((pattern) => pattern.test(secret))) return false;
  if (ruleSet.allow.some((pattern) => pattern.test(secret))) return false;
  if (rule.minEntropy !== undefined && shannonEntropy(secret) < rule.minEntropy) return false;
  return rule.verify ? rule.verify(secret) : true;
}

/** Positions of byte offsets in a file: lines from a newline index, columns in UTF-16 units. */
class BytePositions {
  readonly #bytes: Uint8Array;
  readonly #lineStarts: number[] = [0];

  constructor(bytes: Uint8Array) {
    this.#bytes = bytes;
    const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    for (let i = buffer.indexOf(10); i >= 0; i = buffer.indexOf(10, i + 1))
      this.#lineStarts.push(i + 1);
  }

  at(offset: number): Position {
    let low = 0;
    let high = this.#lineStarts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if ((this.#lineStarts[mid] ?? 0) <= offset) low = mid;
      else high = mid - 1;
    }
    const lineStart = this.#lineStarts[low] ?? 0;
    const column = decoder.decode(this.#bytes.subarray(lineStart, offset)).length + 1;
    return { line: low + 1, column };
  }
}

/** Per-file state shared by the rules that run on it. */
class FileContext {
  readonly file: SourceFile;
  #bytePositions: BytePositions | undefined;
  #lineIndex: LineIndex | undefined;
  #ascii: boolean | undefined;
  readonly #windowTexts = new Map<number, string>();

  constructor(file: SourceFile) {
    this.file = file;
  }

  /** In ASCII files byte offsets are string offsets, so windows are cheap slices of one text. */
  get ascii(): boolean {
    this.#ascii ??= isAscii(this.file.bytes);
    return this.#ascii;
  }

  windowText(window: Window): string {
    if (this.ascii) return this.file.text.slice(window.start, window.end);
    const key = window.start * 2 ** 26 + window.end;
    let text = this.#windowTexts.get(key);
    if (text === undefined) {
      text = decoder.decode(this.file.bytes.subarray(window.start, window.end));
      this.#windowTexts.set(key, text);
    }
    return text;
  }

  /**
   * Position of a UTF-16 offset inside a decoded window: counted from the window's own start,
   * never by re-encoding text (invalid bytes decode to U+FFFD, whose UTF-8 length differs).
   */
  windowPosition(window: Window, text: string, offset: number): Position {
    if (this.ascii) return this.textPosition(window.start + offset);
    this.#bytePositions ??= new BytePositions(this.file.bytes);
    const origin = this.#bytePositions.at(window.start);
    const before = text.slice(0, offset);
    const lastNewline = before.lastIndexOf('\n');
    if (lastNewline < 0) return { line: origin.line, column: origin.column + offset };
    let newlines = 0;
    for (let at = before.indexOf('\n'); at >= 0; at = before.indexOf('\n', at + 1)) newlines++;
    return { line: origin.line + newlines, column: offset - lastNewline };
  }

  /** Position of a UTF-16 offset in the whole decoded file. */
  textPosition(offset: number): Position {
    this.#lineIndex ??= new LineIndex(this.file.text);
    return this.#lineIndex.position(offset);
  }
}

function matchesInFile(
  compiled: CompiledRule,
  context: FileContext,
  ruleSet: RuleSet,
  out: Match[],
): void {
  const { rule, pattern } = compiled;
  const text = context.file.text;
  const raws = rule.detect
    ? rule.detect(text, context.file.path)
    : pattern
      ? Array.from(regexMatches(pattern, text), (match) => match.raw)
      : [];
  for (const raw of raws) {
    if (!accepted(rule, raw.secret, ruleSet)) continue;
    out.push({
      rule,
      secret: raw.secret,
      from: context.textPosition(raw.start),
      to: context.textPosition(raw.end),
    });
  }
}

function matchesInWindows(
  compiled: CompiledRule,
  windows: readonly Window[],
  context: FileContext,
  ruleSet: RuleSet,
  out: Match[],
): void {
  const { rule, pattern } = compiled;
  if (!pattern) return;
  const size = context.file.bytes.length;
  for (const window of windows) {
    const text = context.windowText(window);
    for (const { raw, whole } of regexMatches(pattern, text)) {
      // A match touching a window edge that is not the file's edge may be cut short.
      if ((whole[0] === 0 && window.start > 0) || (whole[1] === text.length && window.end < size)) {
        continue;
      }
      if (!accepted(rule, raw.secret, ruleSet)) continue;
      out.push({
        rule,
        secret: raw.secret,
        from: context.windowPosition(window, text, raw.start),
        to: context.windowPosition(window, text, raw.end),
      });
    }
  }
}

/** Drops generic matches that overlap a provider match, and repeats of the same span. */
function resolveOverlaps(matches: Match[]): Match[] {
  const specific = matches.filter((m) => !m.rule.generic);
  const kept: Match[] = [];
  const spans = new Set<string>();
  for (const match of matches) {
    const start = order(match.from);
    const end = order(match.to);
    const span = `${start.toString()}:${end.toString()}`;
    if (spans.has(span)) continue;
    if (match.rule.generic && specific.some((s) => order(s.from) < end && start < order(s.to))) {
      continue;
    }
    spans.add(span);
    kept.push(match);
  }
  return kept;
}

function toFinding(match: Match, path: string): Finding {
  const { rule, secret, from, to } = match;
  const ruleId = `secrets/${rule.id}`;
  const evidence = redactSecret(secret);
  return {
    ruleId,
    scanner: 'secrets',
    severity: rule.severity,
    confidence: rule.confidence,
    title: rule.title,
    message: `${rule.title}: ${evidence.redacted} (${evidence.length.toString()} characters)`,
    location: {
      kind: 'file',
      path,
      startLine: from.line,
      startColumn: from.column,
      endLine: to.line,
      endColumn: to.column,
    },
    cwe: [...(rule.cwe ?? ['CWE-798'])],
    remediation: rule.remediation ?? DEFAULT_REMEDIATION,
    references: [...rule.references],
    fingerprint: fingerprint(ruleId, path, sha256(secret)),
    evidence,
  };
}

/**
 * Finds the secrets in one file. Pure: no I/O, and the secret value never leaves it.
 * One pass over the bytes finds every rule keyword; a rule's pattern then runs only in windows
 * around its keywords (or over the whole file for `scope: 'file'` and `detect` rules).
 */
export function detectSecrets(file: SourceFile, ruleSet: RuleSet): Finding[] {
  const context = new FileContext(file);
  const matches: Match[] = [];
  for (const index of ruleSet.pathOnly) {
    const compiled = ruleSet.rules[index];
    if (compiled?.rule.paths?.test(file.path)) matchesInFile(compiled, context, ruleSet, matches);
  }
  const hits = ruleSet.keywords.search(file.bytes, MAX_WINDOWS_PER_KEYWORD);
  if (!hits) return finish(matches, file.path);
  const lockfile = isLockfile(file.path);
  for (const index of candidateRules(hits, ruleSet)) {
    const compiled = ruleSet.rules[index];
    if (!compiled) continue;
    const { rule } = compiled;
    if ((rule.generic && lockfile) || (rule.paths && !rule.paths.test(file.path))) continue;
    const keywordHits: { ends: number[]; length: number }[] = [];
    let saturated = false;
    for (const id of ruleSet.keywordsByRule[index] ?? []) {
      const ends = hits[id];
      if (!ends) continue;
      if (ends.length > MAX_WINDOWS_PER_KEYWORD) saturated = true;
      keywordHits.push({ ends, length: ruleSet.keywords.keywordLengths[id] ?? 0 });
    }
    if (rule.detect || rule.scope === 'file' || saturated) {
      matchesInFile(compiled, context, ruleSet, matches);
    } else {
      matchesInWindows(
        compiled,
        keywordWindows(file.bytes, keywordHits),
        context,
        ruleSet,
        matches,
      );
    }
  }
  return finish(matches, file.path);
}

/** Indices of the rules any of whose keywords occur, in rule order. */
function candidateRules(hits: readonly (number[] | undefined)[], ruleSet: RuleSet): number[] {
  const selected: number[] = [];
  hits.forEach((ends, id) => {
    if (ends) selected.push(...(ruleSet.rulesByKeyword[id] ?? []));
  });
  return [...new Set(selected)].sort((a, b) => a - b);
}

function finish(matches: Match[], path: string): Finding[] {
  if (matches.length === 0) return [];
  return resolveOverlaps(matches).map((match) => toFinding(match, path));
}

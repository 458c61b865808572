import { compareDigits, compareText } from './ordering.js';
import { compareParsed, type VersionParse } from './versionParse.js';

/** An RPM package version, `[epoch:]version[-release]`. */
export interface RpmVersion {
  /** `0` when absent. Compared with `rpmvercmp` too, as OSV does, so it need not be numeric. */
  readonly epoch: string;
  readonly version: string;
  /** Absent orders before any release, even an empty one. */
  readonly release: string | undefined;
}

/** Parses an RPM version. Everything but empty or whitespace-bearing text is accepted. */
export function parseRpmVersion(text: string): VersionParse<RpmVersion> {
  const trimmed = text.trim();
  if (trimmed === '' || /\s/.test(trimmed))
    return { ok: false, reason: 'empty or contains spaces' };
  const colon = trimmed.indexOf(':');
  const epoch = colon === -1 ? '0' : trimmed.slice(0, colon);
  const rest = colon === -1 ? trimmed : trimmed.slice(colon + 1);
  const dash = rest.lastIndexOf('-');
  if (dash === -1) return { ok: true, version: { epoch, version: rest, release: undefined } };
  return {
    ok: true,
    version: { epoch, version: rest.slice(0, dash), release: rest.slice(dash + 1) },
  };
}

type Kind = 'digit' | 'letter' | 'tilde' | 'caret' | 'separator';

function kindAt(text: string, index: number): Kind {
  const c = text.charCodeAt(index);
  if (c >= 48 && c <= 57) return 'digit';
  if ((c >= 65 && c <= 90) || (c >= 97 && c <= 122)) return 'letter';
  if (c === 126) return 'tilde';
  if (c === 94) return 'caret';
  return 'separator';
}

/**
 * RPM's `rpmvercmp`: split into runs of ASCII digits and of ASCII letters, everything else
 * separating them; digits beat letters; `~` sorts before anything, even the end, and `^` after the
 * end but before anything else.
 */
export function rpmvercmp(a: string, b: string): number {
  if (a === b) return 0;
  let i = 0;
  let j = 0;
  for (;;) {
    while (i < a.length && kindAt(a, i) === 'separator') i++;
    while (j < b.length && kindAt(b, j) === 'separator') j++;
    const endA = i >= a.length;
    const endB = j >= b.length;
    if (endA && endB) return 0;
    const kindA = endA ? undefined : kindAt(a, i);
    const kindB = endB ? undefined : kindAt(b, j);
    if (kindA === 'tilde' || kindB === 'tilde') {
      if (kindA !== 'tilde') return 1;
      if (kindB !== 'tilde') return -1;
      i++;
      j++;
      continue;
    }
    if (kindA === 'caret' || kindB === 'caret') {
      if (endA) return -1;
      if (endB) return 1;
      if (kindA !== 'caret') return 1;
      if (kindB !== 'caret') return -1;
      i++;
      j++;
      continue;
    }
    if (endA || endB) return endA ? -1 : 1;
    const runKind = kindA === 'digit' ? 'digit' : 'letter';
    const startA = i;
    const startB = j;
    while (i < a.length && kindAt(a, i) === runKind) i++;
    while (j < b.length && kindAt(b, j) === runKind) j++;
    // A digit run beats a letter run; the other side's run is empty exactly then.
    if (startB === j) return runKind === 'digit' ? 1 : -1;
    const runA = a.slice(startA, i);
    const runB = b.slice(startB, j);
    const order = runKind === 'digit' ? compareDigits(runA, runB) : compareText(runA, runB);
    if (order !== 0) return order;
  }
}

function compareRpm(a: RpmVersion, b: RpmVersion): number {
  const order = rpmvercmp(a.epoch, b.epoch) || rpmvercmp(a.version, b.version);
  if (order !== 0) return order;
  if (a.release === undefined) return b.release === undefined ? 0 : -1;
  if (b.release === undefined) return 1;
  return rpmvercmp(a.release, b.release);
}

/**
 * Compares two RPM versions (Red Hat, Rocky Linux, AlmaLinux, openSUSE…).
 *
 * @example compareRpmVersions('1.0~rc1', '1.0') // < 0
 */
export function compareRpmVersions(a: string, b: string): number {
  return compareParsed(parseRpmVersion(a), parseRpmVersion(b), a, b, compareRpm);
}

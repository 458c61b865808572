import { compareDigits, compareText, isDigits } from './ordering.js';
import { compareParsed, type VersionParse } from './versionParse.js';

/** A PEP 440 version, normalised (`1.0RC1` = `1.0rc1`, `1.0-1` = `1.0.post1`, `v1.0` = `1.0`). */
export interface Pep440Version {
  readonly kind: 'pep440';
  readonly epoch: string;
  /** Release numbers without trailing zeros, so `1.0` = `1`. */
  readonly release: readonly string[];
  readonly pre: { readonly rank: number; readonly number: string } | undefined;
  readonly post: string | undefined;
  readonly dev: string | undefined;
  readonly local: readonly string[] | undefined;
}

/**
 * A version PEP 440 rejects, ordered as `packaging`'s `LegacyVersion` did (before every PEP 440
 * version): old PyPI releases such as `0.9-doduo` still appear in advisories.
 */
export interface LegacyPythonVersion {
  readonly kind: 'legacy';
  readonly parts: readonly string[];
}

export type PyPIVersion = Pep440Version | LegacyPythonVersion;

const PEP440 =
  /^v?(?:(\d+)!)?(\d+(?:\.\d+)*)(?:[-_.]?(alpha|a|beta|b|preview|pre|c|rc)[-_.]?(\d+)?)?(?:-(\d+)|[-_.]?(post|rev|r)[-_.]?(\d+)?)?(?:[-_.]?(dev)[-_.]?(\d+)?)?(?:\+([a-z0-9]+(?:[-_.][a-z0-9]+)*))?$/;

const PRE_RANK: Record<string, number> = {
  alpha: 0,
  a: 0,
  beta: 1,
  b: 1,
  preview: 2,
  pre: 2,
  c: 2,
  rc: 2,
};

/** Parses a Python package version: PEP 440 when it conforms, legacy otherwise. */
export function parsePyPIVersion(text: string): VersionParse<PyPIVersion> {
  const normalised = text.trim().toLowerCase();
  if (normalised === '' || /\s/.test(normalised)) {
    return { ok: false, reason: 'empty or contains spaces' };
  }
  const match = PEP440.exec(normalised);
  if (match === null) return { ok: true, version: parseLegacy(normalised) };
  const [, epoch, release = '0', preLabel, preNumber, implicitPost, postLabel, postNumber] = match;
  const [devLabel, devNumber, local] = match.slice(8);
  return {
    ok: true,
    version: {
      kind: 'pep440',
      epoch: epoch ?? '0',
      release: withoutTrailingZeros(release.split('.')),
      pre:
        preLabel === undefined
          ? undefined
          : { rank: PRE_RANK[preLabel] ?? 0, number: preNumber ?? '0' },
      post: implicitPost ?? (postLabel === undefined ? undefined : (postNumber ?? '0')),
      dev: devLabel === undefined ? undefined : (devNumber ?? '0'),
      local: local?.split(/[-_.]/),
    },
  };
}

function withoutTrailingZeros(numbers: string[]): string[] {
  let end = numbers.length;
  while (end > 0 && /^0+$/.test(numbers[end - 1] ?? '')) end--;
  return numbers.slice(0, end);
}

const LEGACY_COMPONENT = /\d+|[a-z]+|\.|-|[^\d.a-z-]+/g;
const LEGACY_REPLACEMENTS: Record<string, string> = {
  pre: 'c',
  preview: 'c',
  '-': 'final-',
  rc: 'c',
  dev: '@',
};

/** `packaging`'s legacy key: numbers zero-padded, words marked with `*`, pre-release tags first. */
function parseLegacy(text: string): LegacyPythonVersion {
  const parts: string[] = [];
  for (const component of [...(text.match(LEGACY_COMPONENT) ?? []), 'final']) {
    const replaced = LEGACY_REPLACEMENTS[component] ?? component;
    if (replaced === '.') continue;
    const part = isDigits(replaced) ? replaced.padStart(8, '0') : `*${replaced}`;
    if (part.startsWith('*')) {
      if (part < '*final') while (parts.at(-1) === '*final-') parts.pop();
      while (parts.at(-1) === '00000000') parts.pop();
    }
    parts.push(part);
  }
  return { kind: 'legacy', parts };
}

function comparePyPI(a: PyPIVersion, b: PyPIVersion): number {
  if (a.kind === 'legacy' || b.kind === 'legacy') {
    if (a.kind !== 'legacy') return 1;
    if (b.kind !== 'legacy') return -1;
    return compareTextLists(a.parts, b.parts);
  }
  return (
    compareDigits(a.epoch, b.epoch) ||
    compareReleases(a.release, b.release) ||
    comparePre(a, b) ||
    compareOptional(a.post, b.post, -1) ||
    compareOptional(a.dev, b.dev, 1) ||
    compareLocal(a.local, b.local)
  );
}

function compareReleases(a: readonly string[], b: readonly string[]): number {
  const length = Math.max(a.length, b.length);
  for (let i = 0; i < length; i++) {
    const order = compareDigits(a[i] ?? '0', b[i] ?? '0');
    if (order !== 0) return order;
  }
  return 0;
}

/** A bare dev release (`1.0.dev1`) precedes the pre-releases of its version; a final follows them. */
function preKey(version: Pep440Version): { rank: number; number: string } {
  if (version.pre !== undefined) return version.pre;
  if (version.post === undefined && version.dev !== undefined) return { rank: -1, number: '0' };
  return { rank: 3, number: '0' };
}

function comparePre(a: Pep440Version, b: Pep440Version): number {
  const x = preKey(a);
  const y = preKey(b);
  return Math.sign(x.rank - y.rank) || compareDigits(x.number, y.number);
}

/** Orders optional numbers; `missing` is where an absent one goes (-1 first, 1 last). */
function compareOptional(a: string | undefined, b: string | undefined, missing: -1 | 1): number {
  if (a === undefined) return b === undefined ? 0 : missing;
  if (b === undefined) return -missing;
  return compareDigits(a, b);
}

/** Local labels: absent first; numeric segments after alphanumeric ones; longer wins a tie. */
function compareLocal(a: readonly string[] | undefined, b: readonly string[] | undefined): number {
  if (a === undefined) return b === undefined ? 0 : -1;
  if (b === undefined) return 1;
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) {
    const x = a[i] ?? '';
    const y = b[i] ?? '';
    const xNumeric = isDigits(x);
    const yNumeric = isDigits(y);
    let order: number;
    if (xNumeric && yNumeric) order = compareDigits(x, y);
    else if (xNumeric) order = 1;
    else if (yNumeric) order = -1;
    else order = compareText(x, y);
    if (order !== 0) return order;
  }
  return Math.sign(a.length - b.length);
}

function compareTextLists(a: readonly string[], b: readonly string[]): number {
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) {
    const order = compareText(a[i] ?? '', b[i] ?? '');
    if (order !== 0) return order;
  }
  return Math.sign(a.length - b.length);
}

/**
 * Compares two Python package versions (PEP 440).
 *
 * @example comparePyPIVersions('1.0.dev0', '1.0a0') // < 0
 */
export function comparePyPIVersions(a: string, b: string): number {
  return compareParsed(parsePyPIVersion(a), parsePyPIVersion(b), a, b, comparePyPI);
}

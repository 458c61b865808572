/**
 * A package URL split into its parts, each percent-decoded, with the per-type normalisations of
 * the purl spec applied (https://github.com/package-url/purl-spec).
 */
export interface Purl {
  /** Lowercase, e.g. `npm`, `maven`, `golang`. */
  type: string;
  /** Decoded segments joined with `/` (an npm scope keeps its `@`); undefined when absent. */
  namespace: string | undefined;
  name: string;
  version: string | undefined;
  /** Lowercase keys; qualifiers with an empty value are dropped, as the spec says. */
  qualifiers: Record<string, string>;
  subpath: string | undefined;
}

export type PurlParse =
  | { ok: true; purl: Purl }
  /** `column` is the 1-based character of the purl where the problem is. */
  | { ok: false; error: { message: string; column: number } };

/** Far longer than any real package URL; past it the input is refused rather than processed. */
const MAX_PURL_LENGTH = 65_536;
const TYPE = /^[A-Za-z.+-][A-Za-z0-9.+-]*$/;
const QUALIFIER_KEY = /^[A-Za-z.\-_][A-Za-z0-9.\-_]*$/;
/** Unencoded whitespace and control characters never belong in a purl. */
// eslint-disable-next-line no-control-regex -- control characters are exactly what it looks for
const FORBIDDEN = /[\s\u0000-\u001f\u007f]/;
const BAD_ESCAPE = /%(?![0-9A-Fa-f]{2})/;
/** Types whose names (and namespaces) the spec declares case-insensitive, hence lowercased. */
const LOWERCASE_TYPES = new Set(['bitbucket', 'composer', 'github', 'hex', 'pub', 'pypi']);

class PurlError extends Error {
  constructor(
    message: string,
    readonly index: number,
  ) {
    super(message);
  }
}

/**
 * Parses a package URL with the purl spec's algorithm: subpath after the last `#`, qualifiers
 * after the last `?`, the `pkg:` scheme (slashes after it tolerated), the type, the version
 * after an `@` in the last segment, the name, then the namespace segments. Pure; malformed input
 * is a value naming the column, never an exception.
 *
 * @example
 * parsePurl('pkg:npm/%40babel/core@7.0.0') // { ok: true, purl: { type: 'npm', namespace: '@babel', name: 'core', version: '7.0.0', … } }
 */
export function parsePurl(text: string): PurlParse {
  try {
    return { ok: true, purl: readPurl(text) };
  } catch (error) {
    if (!(error instanceof PurlError)) throw error;
    return { ok: false, error: { message: error.message, column: error.index + 1 } };
  }
}

function readPurl(text: string): Purl {
  if (text.length > MAX_PURL_LENGTH) {
    throw new PurlError(`longer than ${String(MAX_PURL_LENGTH)} characters`, MAX_PURL_LENGTH);
  }
  const forbidden = FORBIDDEN.exec(text);
  if (forbidden !== null) {
    throw new PurlError('unencoded whitespace or control character', forbidden.index);
  }
  const hash = text.lastIndexOf('#');
  const subpathText = hash < 0 ? undefined : text.slice(hash + 1);
  const beforeHash = hash < 0 ? text : text.slice(0, hash);
  const question = beforeHash.lastIndexOf('?');
  const qualifierText = question < 0 ? undefined : beforeHash.slice(question + 1);
  const body = question < 0 ? beforeHash : beforeHash.slice(0, question);

  const colon = body.indexOf(':');
  if (colon < 0) throw new PurlError('no "pkg:" scheme', 0);
  if (body.slice(0, colon).toLowerCase() !== 'pkg') {
    throw new PurlError(`scheme must be "pkg", not "${body.slice(0, colon)}"`, 0);
  }
  let start = colon + 1;
  while (body[start] === '/') start++;
  let end = body.length;
  while (end > start && body[end - 1] === '/') end--;

  const typeEnd = body.indexOf('/', start);
  if (typeEnd < 0 || typeEnd >= end) throw new PurlError('no name after the type', end);
  const type = body.slice(start, typeEnd);
  if (!TYPE.test(type)) {
    throw new PurlError(
      `type "${type}" must be ASCII letters, digits, ".", "+" or "-" and not start with a digit`,
      start,
    );
  }

  let pathStart = typeEnd + 1;
  while (body[pathStart] === '/') pathStart++;
  let pathEnd = end;
  const lastSlash = body.lastIndexOf('/', end - 1);
  const at = body.lastIndexOf('@', end - 1);
  let version: string | undefined;
  if (at > lastSlash && at >= pathStart) {
    if (at === end - 1) throw new PurlError('empty version after "@"', at);
    version = decode(body.slice(at + 1, end), at + 1);
    pathEnd = at;
  }

  const segments: { text: string; index: number }[] = [];
  for (let index = pathStart; index <= pathEnd;) {
    const slash = body.indexOf('/', index);
    const segmentEnd = slash < 0 || slash > pathEnd ? pathEnd : slash;
    if (segmentEnd > index) segments.push({ text: body.slice(index, segmentEnd), index });
    index = segmentEnd + 1;
  }
  const nameSegment = segments.pop();
  if (nameSegment === undefined) throw new PurlError('no name after the type', pathEnd);
  let name = decode(nameSegment.text, nameSegment.index);
  if (name === '') throw new PurlError('empty name', nameSegment.index);
  let namespace =
    segments.length === 0
      ? undefined
      : segments.map((segment) => decode(segment.text, segment.index)).join('/');

  const lowerType = type.toLowerCase();
  if (LOWERCASE_TYPES.has(lowerType)) {
    name = name.toLowerCase();
    namespace = namespace?.toLowerCase();
  }
  if (lowerType === 'pypi') name = name.replaceAll('_', '-');

  return {
    type: lowerType,
    namespace,
    name,
    version,
    qualifiers: qualifierText === undefined ? {} : readQualifiers(qualifierText, question + 1),
    subpath: subpathText === undefined ? undefined : readSubpath(subpathText, hash + 1),
  };
}

function readQualifiers(text: string, offset: number): Record<string, string> {
  const qualifiers = new Map<string, string>();
  let index = 0;
  for (const pair of text.split('&')) {
    const at = offset + index;
    index += pair.length + 1;
    if (pair === '') continue;
    const equals = pair.indexOf('=');
    if (equals < 0) throw new PurlError(`qualifier "${pair}" has no "="`, at);
    const key = pair.slice(0, equals).toLowerCase();
    if (!QUALIFIER_KEY.test(key)) throw new PurlError(`invalid qualifier key "${key}"`, at);
    if (qualifiers.has(key)) throw new PurlError(`qualifier "${key}" appears twice`, at);
    const value = decode(pair.slice(equals + 1), at + equals + 1);
    if (value !== '') qualifiers.set(key, value);
  }
  // fromEntries defines own properties, so a `__proto__` key stays plain data.
  return Object.fromEntries(qualifiers);
}

/** Segments `''`, `.` and `..` are dropped, so a subpath can never climb out of the package. */
function readSubpath(text: string, offset: number): string | undefined {
  const segments: string[] = [];
  let index = 0;
  for (const segment of text.split('/')) {
    const decoded = decode(segment, offset + index);
    index += segment.length + 1;
    if (decoded !== '' && decoded !== '.' && decoded !== '..') segments.push(decoded);
  }
  return segments.length === 0 ? undefined : segments.join('/');
}

function decode(text: string, offset: number): string {
  const bad = BAD_ESCAPE.exec(text);
  if (bad !== null) throw new PurlError('"%" not followed by two hex digits', offset + bad.index);
  try {
    return decodeURIComponent(text);
  } catch {
    throw new PurlError('percent-encoding is not valid UTF-8', offset + text.indexOf('%'));
  }
}

/** A Go program's build info: the toolchain and every module linked in. */
export interface GoBuildInfo {
  /** `go1.22.5` */
  goVersion: string;
  /** The main package's import path (`path` line). */
  path?: string;
  main?: GoModule;
  deps: GoModule[];
}

export interface GoModule {
  path: string;
  /** As Go writes it, with its `v` (`v0.17.0`); `(devel)` for an unversioned main module. */
  version: string;
}

export type GoBuildInfoParse = { ok: true; info: GoBuildInfo } | { ok: false; problem: string };

const MAGIC = '\xff Go buildinf:';
const HEADER = 32;
const FLAG_INLINE_STRINGS = 0x2;
/** The module list is framed by these 16-byte sentinels (runtime/debug's modinfo markers). */
const SENTINEL = 16;

/**
 * Decodes a `.go.buildinfo` section found by {@link GoBuildInfoScanner}: 14 bytes of magic,
 * pointer size, flags, padding to 32, then (Go 1.18 and later, flag 0x2) two varint-prefixed
 * strings: the Go version and the module info (`path`, `mod`, `dep` and `=>` replacement lines,
 * tab separated). Older binaries store pointers into the data segment instead; those are
 * reported as unsupported rather than guessed at.
 */
export function parseGoBuildInfo(section: Uint8Array): GoBuildInfoParse {
  const bytes = Buffer.from(section.buffer, section.byteOffset, section.byteLength);
  if (bytes.length < HEADER || bytes.toString('latin1', 0, MAGIC.length) !== MAGIC)
    return { ok: false, problem: 'no build info magic' };
  const flags = bytes[15] ?? 0;
  if ((flags & FLAG_INLINE_STRINGS) === 0)
    return { ok: false, problem: 'built before Go 1.18 (pointer build info is not read)' };
  const version = readString(bytes, HEADER);
  if (!version || !/^go\d/.test(version.value))
    return { ok: false, problem: 'no Go version string' };
  const modinfo = readString(bytes, version.next);
  if (!modinfo) return { ok: false, problem: 'module info is cut short' };
  const text =
    modinfo.value.length >= 2 * SENTINEL + 1
      ? modinfo.value.slice(SENTINEL, -SENTINEL)
      : modinfo.value;
  return { ok: true, info: { goVersion: version.value, ...parseModInfo(text) } };
}

function parseModInfo(text: string): Omit<GoBuildInfo, 'goVersion'> {
  const deps: GoModule[] = [];
  let path: string | undefined;
  let main: GoModule | undefined;
  let last: GoModule | undefined;
  for (const line of text.split('\n')) {
    const [kind, modulePath, version] = line.split('\t');
    if (kind === 'path' && modulePath) path = modulePath;
    else if (kind === 'mod' && modulePath)
      main = last = { path: modulePath, version: version ?? '' };
    else if (kind === 'dep' && modulePath) {
      last = { path: modulePath, version: version ?? '' };
      deps.push(last);
    } else if (kind === '=>' && modulePath && last) {
      // A replacement: the code linked in is the replacement module at its version.
      last.path = modulePath;
      last.version = version ?? '';
    }
  }
  return { ...(path ? { path } : {}), ...(main ? { main } : {}), deps };
}

/** A uvarint length then that many bytes, all inside the buffer. */
function readString(bytes: Buffer, at: number): { value: string; next: number } | undefined {
  let length = 0;
  let shift = 1;
  let i = at;
  for (; i < bytes.length && i < at + 10; i++) {
    const byte = bytes[i] ?? 0;
    length += (byte & 0x7f) * shift;
    shift *= 128;
    if ((byte & 0x80) === 0) break;
  }
  const start = i + 1;
  if (i >= bytes.length || start + length > bytes.length) return undefined;
  return { value: bytes.toString('utf8', start, start + length), next: start + length };
}

import type { OsPackage } from '../osPackage.js';

const TAG_NAME = 1000;
const TAG_VERSION = 1001;
const TAG_RELEASE = 1002;
const TAG_EPOCH = 1003;
const TAG_ARCH = 1022;
const TAG_SOURCERPM = 1044;
const TYPE_INT32 = 4;
const TYPE_STRING = 6;
const TYPE_STRING_ARRAY = 8;
const TYPE_I18NSTRING = 9;
/** rpm itself refuses headers with more index entries or data than this. */
const MAX_ENTRIES = 0xffff;
const MAX_DATA = 256 * 1024 * 1024;

export type RpmHeaderParse = { ok: true; package: OsPackage } | { ok: false; problem: string };

/**
 * Reads one package header blob as the rpm database stores it: `il` index entries and `dl`
 * bytes of data (both big-endian counts), then 16-byte entries (tag, type, offset, count)
 * pointing into the data. Every offset is checked against the blob; `gpg-pubkey` entries
 * (imported signing keys, not packages) come back as a problem.
 */
export function parseRpmHeader(blob: Uint8Array): RpmHeaderParse {
  const view = new DataView(blob.buffer, blob.byteOffset, blob.byteLength);
  if (blob.length < 8) return { ok: false, problem: 'header shorter than 8 bytes' };
  const entries = view.getUint32(0);
  const dataLength = view.getUint32(4);
  if (entries > MAX_ENTRIES || dataLength > MAX_DATA)
    return { ok: false, problem: `implausible header (${entries} entries, ${dataLength} bytes)` };
  const dataStart = 8 + entries * 16;
  if (dataStart + dataLength > blob.length)
    return {
      ok: false,
      problem: `header claims ${dataStart + dataLength} bytes but has ${blob.length}`,
    };
  const strings = new Map<number, string>();
  let epoch: number | undefined;
  for (let i = 0; i < entries; i++) {
    const at = 8 + i * 16;
    const tag = view.getUint32(at);
    const type = view.getUint32(at + 4);
    const offset = view.getUint32(at + 8);
    const count = view.getUint32(at + 12);
    if (offset >= dataLength && !(count === 0 && offset === dataLength)) continue;
    if (tag === TAG_EPOCH && type === TYPE_INT32 && count >= 1 && offset + 4 <= dataLength) {
      epoch = view.getUint32(dataStart + offset);
    } else if (
      (type === TYPE_STRING || type === TYPE_STRING_ARRAY || type === TYPE_I18NSTRING) &&
      [TAG_NAME, TAG_VERSION, TAG_RELEASE, TAG_ARCH, TAG_SOURCERPM].includes(tag)
    ) {
      const start = dataStart + offset;
      const end = blob.indexOf(0, start);
      if (end < 0 || end > dataStart + dataLength) continue;
      strings.set(tag, Buffer.from(blob.subarray(start, end)).toString('utf8'));
    }
  }
  const name = strings.get(TAG_NAME);
  const version = strings.get(TAG_VERSION);
  const release = strings.get(TAG_RELEASE);
  if (!name || !version || release === undefined)
    return { ok: false, problem: 'header without name, version or release' };
  if (name === 'gpg-pubkey') return { ok: false, problem: 'gpg-pubkey' };
  const full = `${epoch ? `${epoch}:` : ''}${version}-${release}`;
  const source = sourceOf(strings.get(TAG_SOURCERPM));
  const arch = strings.get(TAG_ARCH);
  return {
    ok: true,
    package: {
      name,
      version: full,
      ...(arch ? { arch } : {}),
      ...(epoch === undefined ? {} : { epoch }),
      sourceName: source?.name ?? name,
      sourceVersion: source ? `${epoch ? `${epoch}:` : ''}${source.version}` : full,
    },
  };
}

/** `openssl-3.0.7-24.el9.src.rpm` → name `openssl`, version `3.0.7-24.el9`. */
function sourceOf(sourceRpm: string | undefined): { name: string; version: string } | undefined {
  const match = /^(.+)-([^-]+)-([^-]+)\.(?:no)?src\.rpm$/.exec(sourceRpm ?? '');
  if (!match?.[1] || !match[2] || !match[3]) return undefined;
  return { name: match[1], version: `${match[2]}-${match[3]}` };
}

/**
 * Where an IP address leads: the classes an outbound request from a server must not reach on a
 * user's say-so (private networks, the host itself, cloud metadata services), and 'public'.
 * IPv6 forms that carry an IPv4 address (mapped `::ffff:a.b.c.d`, NAT64 `64:ff9b::/96`, SIIT,
 * 6to4) are classified by the IPv4 address inside them.
 */

export type IpClass =
  | 'private'
  | 'loopback'
  | 'link-local'
  | 'metadata'
  | 'unspecified'
  | 'multicast'
  | 'reserved'
  | 'public';

/** Cloud metadata endpoints (AWS, GCP, Azure; AWS ECS; Alibaba; Oracle). */
const METADATA_V4: ReadonlySet<string> = new Set([
  '169.254.169.254',
  '169.254.170.2',
  '100.100.100.200',
  '192.0.0.192',
]);

/** [first address as a 32-bit number, prefix length, class], most specific first. */
const V4_RANGES: readonly (readonly [string, number, IpClass])[] = [
  ['0.0.0.0', 32, 'unspecified'],
  ['0.0.0.0', 8, 'reserved'],
  ['10.0.0.0', 8, 'private'],
  ['100.64.0.0', 10, 'private'],
  ['127.0.0.0', 8, 'loopback'],
  ['169.254.0.0', 16, 'link-local'],
  ['172.16.0.0', 12, 'private'],
  ['192.0.0.0', 24, 'reserved'],
  ['192.0.2.0', 24, 'reserved'],
  ['192.88.99.0', 24, 'reserved'],
  ['192.168.0.0', 16, 'private'],
  ['198.18.0.0', 15, 'reserved'],
  ['198.51.100.0', 24, 'reserved'],
  ['203.0.113.0', 24, 'reserved'],
  ['224.0.0.0', 4, 'multicast'],
  ['240.0.0.0', 4, 'reserved'],
];

/**
 * Classifies an IPv4 or IPv6 address (dotted quad, or IPv6 text with optional brackets and zone);
 * undefined when `address` is neither.
 *
 * @example
 * classifyIp('::ffff:7f00:1') // → 'loopback'
 */
export function classifyIp(address: string): IpClass | undefined {
  if (typeof address !== 'string' || address.length > 64) return undefined;
  const v4 = parseIpv4Strict(address);
  if (v4 !== undefined) return classifyIpv4(v4);
  const v6 = parseIpv6(address);
  return v6 === undefined ? undefined : classifyIpv6(v6);
}

/**
 * Reads a host the way libc's `inet_aton` (and the WHATWG URL parser) do: one to four parts,
 * each decimal, octal (leading `0`) or hex (`0x`), the last part filling the remaining bytes;
 * one trailing dot allowed. Returns the canonical dotted quad, or undefined.
 *
 * @example
 * parseIpv4Loose('0x7f.1') // → '127.0.0.1'
 */
export function parseIpv4Loose(host: string): string | undefined {
  if (typeof host !== 'string' || host.length === 0 || host.length > 64) return undefined;
  const parts = host.split('.');
  if (parts.length > 1 && parts.at(-1) === '') parts.pop();
  if (parts.length > 4) return undefined;
  const numbers: number[] = [];
  for (const part of parts) {
    const value = parsePart(part);
    if (value === undefined) return undefined;
    numbers.push(value);
  }
  const last = numbers.pop();
  if (last === undefined || numbers.some((value) => value > 255)) return undefined;
  if (last >= 256 ** (4 - numbers.length)) return undefined;
  const value = numbers.reduce((sum, byte, index) => sum + byte * 256 ** (3 - index), 0) + last;
  return formatIpv4(value);
}

function parsePart(part: string): number | undefined {
  let value: number;
  if (/^0x[0-9a-f]*$/i.test(part)) value = part.length === 2 ? 0 : parseInt(part.slice(2), 16);
  else if (/^0[0-7]*$/.test(part)) value = part.length === 1 ? 0 : parseInt(part.slice(1), 8);
  else if (/^[1-9][0-9]*$/.test(part)) value = parseInt(part, 10);
  else return undefined;
  return value <= 0xffffffff ? value : undefined;
}

function parseIpv4Strict(text: string): number | undefined {
  const match = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(text);
  if (match === null) return undefined;
  let value = 0;
  for (const part of match.slice(1)) {
    const byte = Number(part);
    if (byte > 255) return undefined;
    value = value * 256 + byte;
  }
  return value;
}

function formatIpv4(value: number): string {
  return [value >>> 24, (value >>> 16) & 255, (value >>> 8) & 255, value & 255].join('.');
}

function classifyIpv4(value: number): IpClass {
  if (METADATA_V4.has(formatIpv4(value))) return 'metadata';
  for (const [first, prefix, kind] of V4_RANGES) {
    const base = parseIpv4Strict(first) ?? 0;
    const size = 2 ** (32 - prefix);
    if (value >= base && value < base + size) return kind;
  }
  return value === 0xffffffff ? 'reserved' : 'public';
}

/** Eight 16-bit groups, or undefined. Accepts `[…]`, a `%zone` and a trailing dotted quad. */
function parseIpv6(text: string): number[] | undefined {
  let address = text.startsWith('[') && text.endsWith(']') ? text.slice(1, -1) : text;
  const zone = address.indexOf('%');
  if (zone !== -1) address = address.slice(0, zone);
  if (!/^[0-9a-fA-F:.]+$/.test(address)) return undefined;
  const halves = address.split('::');
  if (halves.length > 2) return undefined;
  const head = groupsOf(halves[0] ?? '');
  const tail = halves.length === 2 ? groupsOf(halves[1] ?? '') : [];
  if (head === undefined || tail === undefined) return undefined;
  const missing = 8 - head.length - tail.length;
  if (halves.length === 2 ? missing < 1 : missing !== 0) return undefined;
  return [...head, ...new Array<number>(missing).fill(0), ...tail];
}

function groupsOf(text: string): number[] | undefined {
  if (text === '') return [];
  const groups: number[] = [];
  const parts = text.split(':');
  for (const [index, part] of parts.entries()) {
    if (index === parts.length - 1 && part.includes('.')) {
      const v4 = parseIpv4Strict(part);
      if (v4 === undefined) return undefined;
      groups.push(v4 >>> 16, v4 & 0xffff);
    } else if (/^[0-9a-fA-F]{1,4}$/.test(part)) {
      groups.push(parseInt(part, 16));
    } else {
      return undefined;
    }
  }
  return groups;
}

function classifyIpv6(groups: readonly number[]): IpClass {
  const group = (index: number): number => groups[index] ?? 0;
  const zeroUpTo = (end: number): boolean => groups.slice(0, end).every((value) => value === 0);
  const embedded = (): IpClass => classifyIpv4(group(6) * 0x10000 + group(7));
  if (zeroUpTo(8)) return 'unspecified';
  if (zeroUpTo(7) && group(7) === 1) return 'loopback';
  // ::ffff:a.b.c.d (mapped) and ::ffff:0:a.b.c.d (SIIT)
  if (zeroUpTo(5) && group(5) === 0xffff) return embedded();
  if (zeroUpTo(4) && group(4) === 0xffff && group(5) === 0) return embedded();
  if (zeroUpTo(6)) return 'reserved';
  if (group(0) === 0x64 && group(1) === 0xff9b && groups.slice(2, 6).every((v) => v === 0)) {
    return embedded();
  }
  if (groups.join(':') === [0xfd00, 0xec2, 0, 0, 0, 0, 0, 0x254].join(':')) return 'metadata';
  const first = group(0);
  if (first === 0x2002) {
    const inside = classifyIpv4(group(1) * 0x10000 + group(2));
    if (inside !== 'public') return inside;
  }
  if (first >= 0xff00) return 'multicast';
  if ((first & 0xffc0) === 0xfe80) return 'link-local';
  if ((first & 0xffc0) === 0xfec0) return 'private';
  if ((first & 0xfe00) === 0xfc00) return 'private';
  if (first === 0x2001 && group(1) === 0xdb8) return 'reserved';
  if ((first & 0xe000) === 0x2000) return 'public';
  return 'reserved';
}

/**
 * OpenSSL cipher strings (`HIGH:!aNULL:!MD5`, `EECDH+AESGCM:EDH+AESGCM`) expanded to cipher
 * suite names, following OpenSSL 3's rules: `:`/`,`/space separated elements, `A+B` for the
 * intersection, `!` deletes for good, `-` deletes, `+` moves to the end, `@…` are options. The
 * cipher table covers the TLS 1.2-and-below suites servers still meet; an element the table does
 * not know is returned in `unknown` rather than guessed.
 */

type Strength = 'HIGH' | 'MEDIUM' | 'LOW' | 'EXPORT' | 'NONE';

interface CipherInfo {
  name: string;
  kx: 'RSA' | 'DHE' | 'ECDHE' | 'PSK';
  au: 'RSA' | 'ECDSA' | 'DSS' | 'NULL' | 'PSK';
  enc:
    | 'AESGCM128'
    | 'AESGCM256'
    | 'AES128'
    | 'AES256'
    | 'CHACHA20'
    | '3DES'
    | 'DES'
    | 'RC4'
    | 'NULL'
    | 'CAMELLIA128'
    | 'CAMELLIA256'
    | 'SEED'
    | 'IDEA';
  mac: 'AEAD' | 'SHA1' | 'SHA256' | 'SHA384' | 'MD5';
  strength: Strength;
}

function cipher(
  name: string,
  kx: CipherInfo['kx'],
  au: CipherInfo['au'],
  enc: CipherInfo['enc'],
  mac: CipherInfo['mac'],
  strength: Strength = 'HIGH',
): CipherInfo {
  return { name, kx, au, enc, mac, strength };
}

const CIPHERS: readonly CipherInfo[] = [
  cipher('ECDHE-ECDSA-AES128-GCM-SHA256', 'ECDHE', 'ECDSA', 'AESGCM128', 'AEAD'),
  cipher('ECDHE-RSA-AES128-GCM-SHA256', 'ECDHE', 'RSA', 'AESGCM128', 'AEAD'),
  cipher('ECDHE-ECDSA-AES256-GCM-SHA384', 'ECDHE', 'ECDSA', 'AESGCM256', 'AEAD'),
  cipher('ECDHE-RSA-AES256-GCM-SHA384', 'ECDHE', 'RSA', 'AESGCM256', 'AEAD'),
  cipher('ECDHE-ECDSA-CHACHA20-POLY1305', 'ECDHE', 'ECDSA', 'CHACHA20', 'AEAD'),
  cipher('ECDHE-RSA-CHACHA20-POLY1305', 'ECDHE', 'RSA', 'CHACHA20', 'AEAD'),
  cipher('DHE-RSA-AES128-GCM-SHA256', 'DHE', 'RSA', 'AESGCM128', 'AEAD'),
  cipher('DHE-RSA-AES256-GCM-SHA384', 'DHE', 'RSA', 'AESGCM256', 'AEAD'),
  cipher('DHE-RSA-CHACHA20-POLY1305', 'DHE', 'RSA', 'CHACHA20', 'AEAD'),
  cipher('ECDHE-ECDSA-AES128-SHA256', 'ECDHE', 'ECDSA', 'AES128', 'SHA256'),
  cipher('ECDHE-RSA-AES128-SHA256', 'ECDHE', 'RSA', 'AES128', 'SHA256'),
  cipher('ECDHE-ECDSA-AES256-SHA384', 'ECDHE', 'ECDSA', 'AES256', 'SHA384'),
  cipher('ECDHE-RSA-AES256-SHA384', 'ECDHE', 'RSA', 'AES256', 'SHA384'),
  cipher('ECDHE-ECDSA-AES128-SHA', 'ECDHE', 'ECDSA', 'AES128', 'SHA1'),
  cipher('ECDHE-RSA-AES128-SHA', 'ECDHE', 'RSA', 'AES128', 'SHA1'),
  cipher('ECDHE-ECDSA-AES256-SHA', 'ECDHE', 'ECDSA', 'AES256', 'SHA1'),
  cipher('ECDHE-RSA-AES256-SHA', 'ECDHE', 'RSA', 'AES256', 'SHA1'),
  cipher('DHE-RSA-AES128-SHA256', 'DHE', 'RSA', 'AES128', 'SHA256'),
  cipher('DHE-RSA-AES256-SHA256', 'DHE', 'RSA', 'AES256', 'SHA256'),
  cipher('DHE-RSA-AES128-SHA', 'DHE', 'RSA', 'AES128', 'SHA1'),
  cipher('DHE-RSA-AES256-SHA', 'DHE', 'RSA', 'AES256', 'SHA1'),
  cipher('DHE-DSS-AES128-GCM-SHA256', 'DHE', 'DSS', 'AESGCM128', 'AEAD'),
  cipher('DHE-DSS-AES256-GCM-SHA384', 'DHE', 'DSS', 'AESGCM256', 'AEAD'),
  cipher('DHE-DSS-AES128-SHA256', 'DHE', 'DSS', 'AES128', 'SHA256'),
  cipher('DHE-DSS-AES256-SHA256', 'DHE', 'DSS', 'AES256', 'SHA256'),
  cipher('DHE-DSS-AES128-SHA', 'DHE', 'DSS', 'AES128', 'SHA1'),
  cipher('DHE-DSS-AES256-SHA', 'DHE', 'DSS', 'AES256', 'SHA1'),
  cipher('AES128-GCM-SHA256', 'RSA', 'RSA', 'AESGCM128', 'AEAD'),
  cipher('AES256-GCM-SHA384', 'RSA', 'RSA', 'AESGCM256', 'AEAD'),
  cipher('AES128-SHA256', 'RSA', 'RSA', 'AES128', 'SHA256'),
  cipher('AES256-SHA256', 'RSA', 'RSA', 'AES256', 'SHA256'),
  cipher('AES128-SHA', 'RSA', 'RSA', 'AES128', 'SHA1'),
  cipher('AES256-SHA', 'RSA', 'RSA', 'AES256', 'SHA1'),
  cipher('CAMELLIA128-SHA', 'RSA', 'RSA', 'CAMELLIA128', 'SHA1'),
  cipher('CAMELLIA256-SHA', 'RSA', 'RSA', 'CAMELLIA256', 'SHA1'),
  cipher('DHE-RSA-CAMELLIA128-SHA', 'DHE', 'RSA', 'CAMELLIA128', 'SHA1'),
  cipher('DHE-RSA-CAMELLIA256-SHA', 'DHE', 'RSA', 'CAMELLIA256', 'SHA1'),
  cipher('ADH-AES128-GCM-SHA256', 'DHE', 'NULL', 'AESGCM128', 'AEAD'),
  cipher('ADH-AES256-GCM-SHA384', 'DHE', 'NULL', 'AESGCM256', 'AEAD'),
  cipher('ADH-AES128-SHA', 'DHE', 'NULL', 'AES128', 'SHA1'),
  cipher('ADH-AES256-SHA', 'DHE', 'NULL', 'AES256', 'SHA1'),
  cipher('AECDH-AES128-SHA', 'ECDHE', 'NULL', 'AES128', 'SHA1'),
  cipher('AECDH-AES256-SHA', 'ECDHE', 'NULL', 'AES256', 'SHA1'),
  cipher('PSK-AES128-GCM-SHA256', 'PSK', 'PSK', 'AESGCM128', 'AEAD'),
  cipher('PSK-AES128-CBC-SHA', 'PSK', 'PSK', 'AES128', 'SHA1'),
  cipher('ECDHE-ECDSA-DES-CBC3-SHA', 'ECDHE', 'ECDSA', '3DES', 'SHA1', 'MEDIUM'),
  cipher('ECDHE-RSA-DES-CBC3-SHA', 'ECDHE', 'RSA', '3DES', 'SHA1', 'MEDIUM'),
  cipher('EDH-RSA-DES-CBC3-SHA', 'DHE', 'RSA', '3DES', 'SHA1', 'MEDIUM'),
  cipher('DES-CBC3-SHA', 'RSA', 'RSA', '3DES', 'SHA1', 'MEDIUM'),
  cipher('SEED-SHA', 'RSA', 'RSA', 'SEED', 'SHA1', 'MEDIUM'),
  cipher('IDEA-CBC-SHA', 'RSA', 'RSA', 'IDEA', 'SHA1', 'MEDIUM'),
  cipher('ECDHE-RSA-RC4-SHA', 'ECDHE', 'RSA', 'RC4', 'SHA1', 'LOW'),
  cipher('RC4-SHA', 'RSA', 'RSA', 'RC4', 'SHA1', 'LOW'),
  cipher('RC4-MD5', 'RSA', 'RSA', 'RC4', 'MD5', 'LOW'),
  cipher('DES-CBC-SHA', 'RSA', 'RSA', 'DES', 'SHA1', 'LOW'),
  cipher('EDH-RSA-DES-CBC-SHA', 'DHE', 'RSA', 'DES', 'SHA1', 'LOW'),
  cipher('EXP-RC4-MD5', 'RSA', 'RSA', 'RC4', 'MD5', 'EXPORT'),
  cipher('EXP-DES-CBC-SHA', 'RSA', 'RSA', 'DES', 'SHA1', 'EXPORT'),
  cipher('NULL-SHA256', 'RSA', 'RSA', 'NULL', 'SHA256', 'NONE'),
  cipher('NULL-SHA', 'RSA', 'RSA', 'NULL', 'SHA1', 'NONE'),
  cipher('NULL-MD5', 'RSA', 'RSA', 'NULL', 'MD5', 'NONE'),
  cipher('ECDHE-RSA-NULL-SHA', 'ECDHE', 'RSA', 'NULL', 'SHA1', 'NONE'),
];

const BY_NAME = new Map(CIPHERS.map((info) => [info.name, info]));
/** Older spellings OpenSSL still accepts. */
const NAME_ALIASES: Readonly<Record<string, string>> = {
  'DHE-RSA-DES-CBC3-SHA': 'EDH-RSA-DES-CBC3-SHA',
  'ECDHE-ECDSA-CHACHA20-POLY1305-SHA256': 'ECDHE-ECDSA-CHACHA20-POLY1305',
  'ECDHE-RSA-CHACHA20-POLY1305-SHA256': 'ECDHE-RSA-CHACHA20-POLY1305',
};

const isAes = (c: CipherInfo) => c.enc.startsWith('AES');
const ALIASES: Readonly<Record<string, (c: CipherInfo) => boolean>> = {
  ALL: (c) => c.enc !== 'NULL',
  COMPLEMENTOFALL: (c) => c.enc === 'NULL',
  DEFAULT: (c) =>
    c.enc !== 'NULL' && c.au !== 'NULL' && c.strength !== 'LOW' && c.strength !== 'EXPORT',
  COMPLEMENTOFDEFAULT: (c) => c.au === 'NULL' && c.enc !== 'NULL',
  HIGH: (c) => c.strength === 'HIGH',
  MEDIUM: (c) => c.strength === 'MEDIUM',
  LOW: (c) => c.strength === 'LOW',
  EXPORT: (c) => c.strength === 'EXPORT',
  EXP: (c) => c.strength === 'EXPORT',
  eNULL: (c) => c.enc === 'NULL',
  NULL: (c) => c.enc === 'NULL',
  aNULL: (c) => c.au === 'NULL',
  kRSA: (c) => c.kx === 'RSA',
  RSA: (c) => c.kx === 'RSA',
  aRSA: (c) => c.au === 'RSA',
  aECDSA: (c) => c.au === 'ECDSA',
  ECDSA: (c) => c.au === 'ECDSA',
  aDSS: (c) => c.au === 'DSS',
  DSS: (c) => c.au === 'DSS',
  kDHE: (c) => c.kx === 'DHE',
  kEDH: (c) => c.kx === 'DHE',
  DHE: (c) => c.kx === 'DHE' && c.au !== 'NULL',
  EDH: (c) => c.kx === 'DHE' && c.au !== 'NULL',
  ADH: (c) => c.kx === 'DHE' && c.au === 'NULL',
  kECDHE: (c) => c.kx === 'ECDHE',
  kEECDH: (c) => c.kx === 'ECDHE',
  ECDHE: (c) => c.kx === 'ECDHE' && c.au !== 'NULL',
  EECDH: (c) => c.kx === 'ECDHE' && c.au !== 'NULL',
  AECDH: (c) => c.kx === 'ECDHE' && c.au === 'NULL',
  PSK: (c) => c.kx === 'PSK',
  kPSK: (c) => c.kx === 'PSK',
  AES: isAes,
  AES128: (c) => c.enc === 'AES128' || c.enc === 'AESGCM128',
  AES256: (c) => c.enc === 'AES256' || c.enc === 'AESGCM256',
  AESGCM: (c) => c.enc.startsWith('AESGCM'),
  CHACHA20: (c) => c.enc === 'CHACHA20',
  CAMELLIA: (c) => c.enc.startsWith('CAMELLIA'),
  CAMELLIA128: (c) => c.enc === 'CAMELLIA128',
  CAMELLIA256: (c) => c.enc === 'CAMELLIA256',
  '3DES': (c) => c.enc === '3DES',
  DES: (c) => c.enc === 'DES',
  RC4: (c) => c.enc === 'RC4',
  SEED: (c) => c.enc === 'SEED',
  IDEA: (c) => c.enc === 'IDEA',
  MD5: (c) => c.mac === 'MD5',
  SHA1: (c) => c.mac === 'SHA1',
  SHA: (c) => c.mac === 'SHA1',
  SHA256: (c) => c.mac === 'SHA256',
  SHA384: (c) => c.mac === 'SHA384',
  TLSv1_2: (c) => c.mac !== 'SHA1' && c.mac !== 'MD5',
  'TLSv1.2': (c) => c.mac !== 'SHA1' && c.mac !== 'MD5',
  SSLv3: (c) => c.mac === 'SHA1' || c.mac === 'MD5',
  TLSv1: (c) => c.mac === 'SHA1' || c.mac === 'MD5',
  'TLSv1.0': (c) => c.mac === 'SHA1' || c.mac === 'MD5',
};

const TLS13_SUITES = new Set([
  'TLS_AES_128_GCM_SHA256',
  'TLS_AES_256_GCM_SHA384',
  'TLS_CHACHA20_POLY1305_SHA256',
  'TLS_AES_128_CCM_SHA256',
  'TLS_AES_128_CCM_8_SHA256',
]);

export interface ExpandedCiphers {
  /** The suites the string enables, in order. */
  ciphers: string[];
  /** Elements neither a known suite nor a known alias (the result may miss their suites). */
  unknown: string[];
}

function matching(element: string): CipherInfo[] | undefined {
  const exact = BY_NAME.get(NAME_ALIASES[element] ?? element);
  if (exact) return [exact];
  const parts = element.split('+');
  const predicates = parts.map((part) => ALIASES[part]);
  if (predicates.some((predicate) => predicate === undefined)) return undefined;
  return CIPHERS.filter((info) => predicates.every((predicate) => predicate?.(info)));
}

export function expandCipherString(text: string): ExpandedCiphers {
  const list: string[] = [];
  const killed = new Set<string>();
  const unknown: string[] = [];
  for (const raw of text.split(/[:,\s]+/)) {
    if (raw === '' || raw.startsWith('@')) continue;
    const first = raw[0] ?? '';
    const operator = first === '!' || first === '-' || first === '+' ? first : '';
    const element = operator ? raw.slice(1) : raw;
    if (TLS13_SUITES.has(element)) continue;
    const found = matching(element);
    if (found === undefined) {
      unknown.push(raw);
      continue;
    }
    const names = found.map((info) => info.name);
    switch (operator) {
      case '!':
        for (const name of names) killed.add(name);
        removeAll(list, names);
        break;
      case '-':
        removeAll(list, names);
        break;
      case '+': {
        const moved = list.filter((name) => names.includes(name));
        removeAll(list, moved);
        list.push(...moved);
        break;
      }
      case '':
        for (const name of names) if (!killed.has(name) && !list.includes(name)) list.push(name);
    }
  }
  return { ciphers: list, unknown };
}

function removeAll(list: string[], names: readonly string[]): void {
  for (let i = list.length - 1; i >= 0; i--) if (names.includes(list[i] ?? '')) list.splice(i, 1);
}

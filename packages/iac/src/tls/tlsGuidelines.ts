/**
 * Mozilla's server-side TLS guidelines (ssl-config.mozilla.org/guidelines/*.json), normalised:
 * the JSON layout changed across versions (4.0 had one cipher list, 5.0 `openssl_ciphers`,
 * 5.1+ `ciphers.openssl` / `ciphers.iana`), the generator and checkers read this one shape.
 */
export interface TlsProfile {
  /** `TLSv1`, `TLSv1.1`, `TLSv1.2`, `TLSv1.3`. */
  tlsVersions: string[];
  /** TLS 1.2-and-below cipher suites, OpenSSL names. */
  opensslCiphers: string[];
  /** The same suites, IANA names (what Go, Caddy and Java call them). */
  ianaCiphers: string[];
  /** TLS 1.3 cipher suites. */
  tls13Ciphersuites: string[];
  /** Key exchange groups, OpenSSL names, in preference order. */
  curves: string[];
  dhParamSize: number | null;
  ecdhParamSize: number | null;
  hstsMinAge: number;
  ocspStaple: boolean;
  serverPreferredOrder: boolean;
}

export type TlsProfileName = 'modern' | 'intermediate' | 'old';

export interface TlsGuidelines {
  /** `6.0`, as printed in generated headers. */
  version: string;
  href: string;
  profiles: { modern: TlsProfile; intermediate: TlsProfile; old?: TlsProfile };
}

export type TlsGuidelinesResult =
  { ok: true; guidelines: TlsGuidelines } | { ok: false; errors: string[] };

function stringList(value: unknown): string[] | undefined {
  if (!Array.isArray(value)) return undefined;
  const strings = value.filter((item): item is string => typeof item === 'string');
  return strings.length === value.length ? strings : undefined;
}

function readProfile(raw: unknown, where: string, errors: string[]): TlsProfile | undefined {
  if (typeof raw !== 'object' || raw === null) {
    errors.push(`${where}: not an object`);
    return undefined;
  }
  const record = raw as Record<string, unknown>;
  const ciphers = (record.ciphers ?? {}) as Record<string, unknown>;
  const has = (key: string) => key in record;
  // 5.1+: ciphers.openssl + ciphersuites (TLS 1.3); 5.0: openssl_ciphers + openssl_ciphersuites;
  // 4.0: ciphersuites holds the OpenSSL TLS <= 1.2 list and there is no TLS 1.3 list.
  const legacy = !has('ciphers') && !has('openssl_ciphers');
  const openssl = stringList(
    has('ciphers')
      ? ciphers.openssl
      : has('openssl_ciphers')
        ? record.openssl_ciphers
        : record.ciphersuites,
  );
  const iana = stringList(ciphers.iana ?? []) ?? [];
  const tls13 = legacy
    ? []
    : stringList(has('ciphers') ? record.ciphersuites : record.openssl_ciphersuites);
  const tlsVersions = stringList(record.tls_versions);
  const curves = stringList(record.tls_curves);
  const number = (key: string): number | null | undefined => {
    const value = record[key];
    return value === null || value === undefined
      ? null
      : typeof value === 'number'
        ? value
        : undefined;
  };
  const dh = number('dh_param_size');
  const ecdh = number('ecdh_param_size');
  const hsts = number('hsts_min_age');
  const problems: [string, unknown][] = [
    ['ciphers.openssl', openssl],
    ['ciphersuites', tls13],
    ['tls_versions', tlsVersions],
    ['tls_curves', curves],
    ['dh_param_size', dh],
    ['ecdh_param_size', ecdh],
  ];
  for (const [key, value] of problems)
    if (value === undefined) errors.push(`${where}.${key}: missing or of the wrong type`);
  if (!openssl || !tls13 || !tlsVersions || !curves || dh === undefined || ecdh === undefined)
    return undefined;
  return {
    tlsVersions: [...tlsVersions].sort(compareTlsVersions),
    opensslCiphers: openssl,
    ianaCiphers: iana,
    tls13Ciphersuites: tls13,
    curves,
    dhParamSize: dh,
    ecdhParamSize: ecdh,
    hstsMinAge: hsts ?? 63072000,
    ocspStaple: record.ocsp_staple === true,
    serverPreferredOrder: record.server_preferred_order === true,
  };
}

/** Validates and normalises one guidelines JSON document; every bad field is listed. */
export function readTlsGuidelines(json: unknown): TlsGuidelinesResult {
  const errors: string[] = [];
  if (typeof json !== 'object' || json === null)
    return { ok: false, errors: ['not a JSON object'] };
  const record = json as Record<string, unknown>;
  if (typeof record.version !== 'number') errors.push('version: missing or not a number');
  const raw: unknown = record.configurations;
  if (typeof raw !== 'object' || raw === null)
    return { ok: false, errors: [...errors, 'configurations: missing'] };
  const configurations = raw as Record<string, unknown>;
  const modern = readProfile(configurations.modern, 'configurations.modern', errors);
  const intermediate = readProfile(
    configurations.intermediate,
    'configurations.intermediate',
    errors,
  );
  const old =
    configurations.old === undefined
      ? undefined
      : readProfile(configurations.old, 'configurations.old', errors);
  if (errors.length > 0 || !modern || !intermediate || typeof record.version !== 'number')
    return { ok: false, errors };
  return {
    ok: true,
    guidelines: {
      version: record.version.toFixed(1),
      href: typeof record.href === 'string' ? record.href : '',
      profiles: { modern, intermediate, ...(old ? { old } : {}) },
    },
  };
}

const VERSION_ORDER = ['SSLv2', 'SSLv3', 'TLSv1', 'TLSv1.1', 'TLSv1.2', 'TLSv1.3'];

/** Orders protocol names oldest first (`SSLv3` < `TLSv1` < … < `TLSv1.3`). */
export function compareTlsVersions(a: string, b: string): number {
  return VERSION_ORDER.indexOf(a) - VERSION_ORDER.indexOf(b);
}

export const TLS_VERSIONS: readonly string[] = VERSION_ORDER;

const TLS13 = ['TLS_AES_128_GCM_SHA256', 'TLS_AES_256_GCM_SHA384', 'TLS_CHACHA20_POLY1305_SHA256'];

/**
 * The guidelines Vigil ships: version 6.0 (mozilla/ssl-config-generator, MPL-2.0), modern and
 * intermediate profiles. A test keeps it equal to the shared copy of `6.0.json`.
 */
export const bundledTlsGuidelines: TlsGuidelines = {
  version: '6.0',
  href: 'https://ssl-config.mozilla.org/guidelines/6.0.json',
  profiles: {
    modern: {
      tlsVersions: ['TLSv1.3'],
      opensslCiphers: [],
      ianaCiphers: [],
      tls13Ciphersuites: TLS13,
      curves: ['X25519MLKEM768', 'X25519', 'prime256v1', 'secp384r1'],
      dhParamSize: null,
      ecdhParamSize: 256,
      hstsMinAge: 63072000,
      ocspStaple: true,
      serverPreferredOrder: false,
    },
    intermediate: {
      tlsVersions: ['TLSv1.2', 'TLSv1.3'],
      opensslCiphers: [
        'ECDHE-ECDSA-AES128-GCM-SHA256',
        'ECDHE-RSA-AES128-GCM-SHA256',
        'ECDHE-ECDSA-AES256-GCM-SHA384',
        'ECDHE-RSA-AES256-GCM-SHA384',
        'ECDHE-ECDSA-CHACHA20-POLY1305',
        'ECDHE-RSA-CHACHA20-POLY1305',
      ],
      ianaCiphers: [
        'TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256',
        'TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256',
        'TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384',
        'TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384',
        'TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256',
        'TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256',
      ],
      tls13Ciphersuites: TLS13,
      curves: ['X25519MLKEM768', 'X25519', 'prime256v1', 'secp384r1'],
      dhParamSize: 2048,
      ecdhParamSize: 256,
      hstsMinAge: 63072000,
      ocspStaple: true,
      serverPreferredOrder: false,
    },
  },
};

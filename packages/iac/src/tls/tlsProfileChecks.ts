import { expandCipherString } from './expandCipherString.js';
import { compareTlsVersions, type TlsProfile } from './tlsGuidelines.js';

/** Protocol versions enabled but older than the profile's oldest. */
export function protocolsBelowProfile(enabled: readonly string[], profile: TlsProfile): string[] {
  const minimum = profile.tlsVersions[0] ?? 'TLSv1.3';
  return enabled.filter((version) => compareTlsVersions(version, minimum) < 0);
}

/** Whether a set of enabled versions includes TLS 1.2 or older (where cipher lists apply). */
export function usesPreTls13(enabled: readonly string[] | undefined): boolean {
  return (
    enabled === undefined || enabled.some((version) => compareTlsVersions(version, 'TLSv1.3') < 0)
  );
}

/** The suites a cipher string enables outside the profile, and elements that could not be read. */
export function ciphersOutsideProfile(
  cipherString: string,
  profile: TlsProfile,
): { outside: string[]; unknown: string[] } {
  const { ciphers, unknown } = expandCipherString(cipherString);
  const allowed = new Set(profile.opensslCiphers);
  return { outside: ciphers.filter((name) => !allowed.has(name)), unknown };
}

/**
 * A cipher directive checked against the profile: the finding's message when it enables suites
 * outside the profile, and an "unchecked" warning's message for names that could not be read.
 */
export function cipherDirectiveProblems(
  directive: string,
  cipherString: string,
  profile: TlsProfile,
  profileName: string,
): { outside?: string; unchecked?: string } {
  const { outside, unknown } = ciphersOutsideProfile(cipherString, profile);
  return {
    ...(outside.length > 0 && {
      outside: `${directive} enables ${String(outside.length)} suites outside the ${profileName} profile: ${outside.join(', ')}`,
    }),
    ...(unknown.length > 0 && {
      unchecked: `${directive}: unknown cipher names or aliases not checked: ${unknown.join(', ')}`,
    }),
  };
}

/** TLS 1.3 suites outside the profile. */
export function tls13SuitesOutsideProfile(suites: string, profile: TlsProfile): string[] {
  const allowed = new Set(profile.tls13Ciphersuites);
  return suites.split(/[:,\s]+/).filter((suite) => suite !== '' && !allowed.has(suite));
}

/** A problem with a Strict-Transport-Security header value, or undefined when it is fine. */
export function hstsProblem(value: string, profile: TlsProfile): string | undefined {
  const match = /max-age\s*=\s*"?(\d+)/i.exec(value);
  if (!match) return 'the Strict-Transport-Security header has no max-age';
  const age = Number(match[1]);
  if (age < profile.hstsMinAge)
    return `Strict-Transport-Security max-age=${String(age)} is below the ${String(profile.hstsMinAge)} seconds the guidelines ask for`;
  return undefined;
}

/** Key sizes of named groups, in bits of security-equivalent field size. */
const CURVE_BITS: Readonly<Record<string, number>> = {
  secp160k1: 160,
  secp160r1: 160,
  secp160r2: 160,
  secp192k1: 192,
  secp192r1: 192,
  prime192v1: 192,
  secp224k1: 224,
  secp224r1: 224,
  sect163k1: 163,
  sect163r1: 163,
  sect163r2: 163,
  sect193r1: 193,
  sect233k1: 233,
  sect233r1: 233,
  sect239k1: 239,
  brainpoolP160r1: 160,
  brainpoolP192r1: 192,
  brainpoolP224r1: 224,
  ffdhe2048: 2048,
};

/** Curves below the profile's ECDH size (default 256 bits). */
export function weakCurves(list: string, profile: TlsProfile): string[] {
  const minimum = profile.ecdhParamSize ?? 256;
  return list.split(/[:,\s]+/).filter((curve) => {
    const bits = CURVE_BITS[curve];
    return bits !== undefined && !curve.startsWith('ffdhe') && bits < minimum;
  });
}

/** The smallest acceptable finite-field DH size: the profile's, never below 2048. */
export function minimumDhBits(profile: TlsProfile): number {
  return Math.max(profile.dhParamSize ?? 2048, 2048);
}

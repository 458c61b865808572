/**
 * Server-side request forgery by effect: user input is an attack when it decided where an outbound
 * request goes (it is the URL, or it makes up the URL's host) AND the host is not public: a
 * literal IP in any form, or any address the caller's DNS lookup returned for the name.
 *
 * The input counts as making up the host when, after WHATWG URL parsing, the hostname equals the
 * input read as a host or as a URL, or the input is a whole run of the hostname's labels
 * (`${tenant}.internal.example`). A purely numeric input is only matched whole: `1` in
 * `?page=1` must not count as choosing `10.0.0.1`. Input in the path or query of a URL whose host
 * the application chose is not this detector's concern.
 */

import { classifyIp, parseIpv4Loose, type IpClass } from './classifyAddress.js';

export type SsrfReason = Exclude<IpClass, 'public'>;

export type SsrfVerdict =
  | { readonly attack: false }
  | {
      readonly attack: true;
      readonly reason: SsrfReason;
      /** The URL's hostname, without IPv6 brackets. */
      readonly hostname: string;
      /** The address blamed: the literal host, or one of the resolved addresses. */
      readonly address: string;
    };

const NOT_AN_ATTACK: SsrfVerdict = { attack: false };

/** Longer than any URL an HTTP client will send; checked no further. */
const MAX_URL_LENGTH = 65_536;

/**
 * Tells whether `userInput` chose the host of `url` and that host is not public.
 *
 * @example
 * detectSsrf('http://169.254.169.254/latest/meta-data/', ['169.254.169.254'], '169.254.169.254')
 * // → { attack: true, reason: 'metadata', hostname: '169.254.169.254', address: '169.254.169.254' }
 */
export function detectSsrf(
  url: string,
  resolvedAddresses: readonly string[],
  userInput: string,
): SsrfVerdict {
  if (typeof url !== 'string' || typeof userInput !== 'string') return NOT_AN_ATTACK;
  if (url.length > MAX_URL_LENGTH || userInput.trim().length === 0) return NOT_AN_ATTACK;
  const hostname = hostnameOf(url);
  if (hostname === undefined || hostname === '') return NOT_AN_ATTACK;
  if (!inputMakesUpHost(hostname, userInput)) return NOT_AN_ATTACK;
  const literal = parseIpv4Loose(hostname) ?? hostname;
  // Callers may pass what a DNS library returned without checking it: trust nothing about it.
  const resolved: readonly unknown[] = Array.isArray(resolvedAddresses) ? resolvedAddresses : [];
  const candidates: readonly unknown[] = [literal, ...resolved];
  for (const address of candidates) {
    if (typeof address !== 'string') continue;
    const kind = classifyIp(address);
    if (kind !== undefined && kind !== 'public') {
      return { attack: true, reason: kind, hostname, address };
    }
  }
  return NOT_AN_ATTACK;
}

/**
 * Tells whether `userInput` chose the host of `url` (is the URL, or makes up its host), wherever
 * that host leads. Hooks use it to decide which outbound requests to follow through DNS.
 */
export function userInputChoosesHost(url: string, userInput: string): boolean {
  if (typeof url !== 'string' || typeof userInput !== 'string') return false;
  if (url.length > MAX_URL_LENGTH || userInput.trim().length === 0) return false;
  const hostname = hostnameOf(url);
  return hostname !== undefined && hostname !== '' && inputMakesUpHost(hostname, userInput);
}

function hostnameOf(url: string): string | undefined {
  if (!URL.canParse(url)) return undefined;
  const { hostname } = new URL(url);
  const bare = hostname.startsWith('[') ? hostname.slice(1, -1) : hostname;
  return bare.toLowerCase();
}

function inputMakesUpHost(hostname: string, userInput: string): boolean {
  const input = userInput.trim().toLowerCase();
  if (input.length > MAX_URL_LENGTH) return false;
  const readings = [
    input,
    hostnameOf(input),
    hostnameOf(`http://${input}`),
    input.includes(':') ? hostnameOf(`http://[${input}]`) : undefined,
    parseIpv4Loose(input),
  ];
  if (readings.some((reading) => reading === hostname)) return true;
  if (/^[\d.]*$/.test(input)) return false;
  const bare = input.endsWith('.') ? input.slice(0, -1) : input;
  return isLabelRun(hostname, bare);
}

/** `needle` occurs in `hostname` starting and ending at label boundaries. */
function isLabelRun(hostname: string, needle: string): boolean {
  if (needle === '' || needle.startsWith('.')) return false;
  let from = 0;
  for (;;) {
    const start = hostname.indexOf(needle, from);
    if (start === -1) return false;
    const end = start + needle.length;
    const startsLabel = start === 0 || hostname.charAt(start - 1) === '.';
    const endsLabel = end === hostname.length || hostname.charAt(end) === '.';
    if (startsLabel && endsLabel) return true;
    from = start + 1;
  }
}

/**
 * The operator's outbound allow-list (`allow.hosts`): destinations users may choose even when
 * they are internal. A pattern is a host name (`api.internal`), a suffix pattern
 * (`*.svc.cluster.local`, which does not match the bare suffix), an address or a CIDR range,
 * matched against the address the request goes to.
 */

import { BlockList, isIP } from 'node:net';

const compiled = new WeakMap<
  readonly string[],
  { names: string[]; suffixes: string[]; ips: BlockList }
>();

export function isAllowedOutbound(
  hostname: string,
  address: string,
  patterns: readonly string[],
): boolean {
  if (patterns.length === 0) return false;
  const allow = compile(patterns);
  const host = hostname.toLowerCase().replace(/\.$/, '');
  if (allow.names.includes(host)) return true;
  if (allow.suffixes.some((suffix) => host.endsWith(suffix))) return true;
  const bare = address.startsWith('[') ? address.slice(1, -1) : address;
  const family = isIP(bare);
  return family !== 0 && allow.ips.check(bare, family === 4 ? 'ipv4' : 'ipv6');
}

function compile(patterns: readonly string[]): {
  names: string[];
  suffixes: string[];
  ips: BlockList;
} {
  let allow = compiled.get(patterns);
  if (allow !== undefined) return allow;
  allow = { names: [], suffixes: [], ips: new BlockList() };
  for (const pattern of patterns) {
    const [address = '', prefix] = pattern.split('/');
    const family = isIP(address);
    if (family !== 0) {
      const type = family === 4 ? 'ipv4' : 'ipv6';
      if (prefix === undefined) allow.ips.addAddress(address, type);
      else allow.ips.addSubnet(address, Number(prefix), type);
    } else if (pattern.startsWith('*.')) {
      allow.suffixes.push(pattern.slice(1).toLowerCase().replace(/\.$/, ''));
    } else {
      allow.names.push(pattern.toLowerCase().replace(/\.$/, ''));
    }
  }
  compiled.set(patterns, allow);
  return allow;
}

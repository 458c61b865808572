/**
 * The client's address: the socket's peer, or, only when the operator says a proxy in front sets
 * it (`trustProxy`), the first valid address in `X-Forwarded-For` (the client as the first proxy
 * saw it). IPv4-mapped IPv6 (`::ffff:10.0.0.1`) is given as IPv4 so allow-lists match either form.
 */

import { isIP } from 'node:net';

export function clientIp(
  socketAddress: string | undefined,
  forwardedFor: string | readonly string[] | undefined,
  trustProxy: boolean,
): string | undefined {
  if (trustProxy && forwardedFor !== undefined) {
    const list = typeof forwardedFor === 'string' ? forwardedFor : forwardedFor.join(',');
    for (const entry of list.split(',')) {
      const address = withoutPort(entry.trim());
      if (isIP(address) !== 0) return unmapped(address);
    }
  }
  return socketAddress === undefined ? undefined : unmapped(socketAddress);
}

function withoutPort(entry: string): string {
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(entry);
  if (bracketed?.[1] !== undefined) return bracketed[1];
  const v4WithPort = /^(\d{1,3}(?:\.\d{1,3}){3}):\d+$/.exec(entry);
  return v4WithPort?.[1] ?? entry;
}

function unmapped(address: string): string {
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(address);
  return mapped?.[1] ?? address;
}

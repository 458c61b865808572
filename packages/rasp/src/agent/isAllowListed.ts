/**
 * The operator's allow-lists: requests to these routes or from these addresses are never checked.
 * Route patterns (`/health`, `GET /admin/*`) match the framework's route template or the path;
 * `*` matches any run of characters. Addresses match through `net.BlockList` (single addresses
 * and CIDR ranges, IPv4 and IPv6).
 */

import { BlockList, isIP } from 'node:net';
import type { RaspConfig } from '../config/RaspConfig.js';
import type { RequestContext } from '../context/RequestContext.js';

interface CompiledAllowList {
  readonly routes: readonly { readonly method: string | undefined; readonly path: RegExp }[];
  readonly ips: BlockList;
}

const compiled = new WeakMap<RaspConfig, CompiledAllowList>();

export function isAllowListed(context: RequestContext, config: RaspConfig): boolean {
  if (config.allowRoutes.length === 0 && config.allowIps.length === 0) return false;
  const allow = compiledFor(config);
  const { ip } = context;
  if (ip !== undefined && config.allowIps.length > 0) {
    const family = isIP(ip);
    if (family !== 0 && allow.ips.check(ip, family === 4 ? 'ipv4' : 'ipv6')) return true;
  }
  if (allow.routes.length === 0) return false;
  const route = context.route();
  return allow.routes.some(
    ({ method, path }) =>
      (method === undefined || method === context.method) &&
      (path.test(route) || path.test(context.path)),
  );
}

const compiledRoutes = new WeakMap<readonly string[], CompiledAllowList['routes']>();

/** Whether the request's route template or path matches one of `patterns` (allow-list syntax). */
export function matchesRoutes(context: RequestContext, patterns: readonly string[]): boolean {
  let routes = compiledRoutes.get(patterns);
  if (routes === undefined) {
    routes = patterns.map(compileRoute);
    compiledRoutes.set(patterns, routes);
  }
  const route = context.route();
  return routes.some(
    ({ method, path }) =>
      (method === undefined || method === context.method) &&
      (path.test(route) || path.test(context.path)),
  );
}

function compiledFor(config: RaspConfig): CompiledAllowList {
  let allow = compiled.get(config);
  if (allow === undefined) {
    allow = { routes: config.allowRoutes.map(compileRoute), ips: blockListOf(config.allowIps) };
    compiled.set(config, allow);
  }
  return allow;
}

function compileRoute(pattern: string): { method: string | undefined; path: RegExp } {
  const space = pattern.indexOf(' ');
  const method = space === -1 ? undefined : pattern.slice(0, space);
  const path = space === -1 ? pattern : pattern.slice(space + 1);
  const source = path
    .split('*')
    .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
  return { method, path: new RegExp(`^${source}$`) };
}

function blockListOf(entries: readonly string[]): BlockList {
  const list = new BlockList();
  for (const entry of entries) {
    const [address = '', prefix] = entry.split('/');
    const type = isIP(address) === 6 ? 'ipv6' : 'ipv4';
    if (prefix === undefined) list.addAddress(address, type);
    else list.addSubnet(address, Number(prefix), type);
  }
  return list;
}

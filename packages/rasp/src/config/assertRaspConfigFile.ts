/**
 * The shape of `vigil-rasp.json`, checked by hand (the agent has no dependencies). Every bad field
 * is listed, so one run tells the operator everything to fix.
 *
 * @example
 * { "mode": "block", "attacks": { "path_traversal": "monitor" },
 *   "allow": { "routes": ["GET /health"], "ips": ["10.0.0.0/8"], "hosts": ["*.svc.local"] },
 *   "trustProxy": false, "log": "/var/log/vigil-rasp.ndjson", "limits": { "maxBodyBytes": 65536 } }
 */

import { isIP } from 'node:net';
import { ATTACK_KINDS, type AttackKind, type AttackSetting, type RaspMode } from './RaspConfig.js';
import { RaspConfigError } from './RaspConfigError.js';
import { checkActionSections, type ActionSections } from './assertActionSettings.js';

export interface RaspConfigFile extends ActionSections {
  readonly mode?: RaspMode;
  readonly attacks?: Readonly<Partial<Record<AttackKind, AttackSetting>>>;
  readonly allow?: {
    readonly routes?: readonly string[];
    readonly ips?: readonly string[];
    /** Outbound hosts users may choose (see `RaspConfig.allowOutboundHosts`). */
    readonly hosts?: readonly string[];
  };
  readonly trustProxy?: boolean;
  readonly hookEval?: boolean;
  readonly freezePrototypes?: boolean;
  /** Path of the NDJSON event log (relative to the working directory), or `false` for none. */
  readonly log?: string | false;
  readonly limits?: {
    readonly maxBodyBytes?: number;
    readonly maxInputs?: number;
    readonly maxDepth?: number;
  };
}

const BOOLEAN_KEYS = ['trustProxy', 'hookEval', 'freezePrototypes'];
const TOP_LEVEL_KEYS = [
  'mode',
  'attacks',
  'allow',
  'log',
  'limits',
  'actions',
  'rateLimits',
  'attackWave',
  ...BOOLEAN_KEYS,
];
const LIMIT_KEYS = ['maxBodyBytes', 'maxInputs', 'maxDepth'];
const MODES: readonly string[] = ['monitor', 'block'];
const SETTINGS: readonly string[] = ['monitor', 'block', 'off'];
/** `/path`, `/path/*`, or a method before it: `GET /path`. */
const ROUTE_PATTERN = /^(?:[A-Z]+ )?\/\S*$/;

export function assertRaspConfigFile(value: unknown): asserts value is RaspConfigFile {
  const problems: string[] = [];
  if (!isRecord(value)) {
    throw new RaspConfigError('CONFIG_INVALID', ['the configuration must be a JSON object']);
  }
  for (const key of Object.keys(value)) {
    if (!TOP_LEVEL_KEYS.includes(key)) problems.push(`unknown key "${key}"`);
  }
  if (value.mode !== undefined && !MODES.includes(value.mode as string)) {
    problems.push('mode must be "monitor" or "block"');
  }
  checkAttacks(value.attacks, problems);
  checkAllow(value.allow, problems);
  for (const key of BOOLEAN_KEYS) {
    if (value[key] !== undefined && typeof value[key] !== 'boolean') {
      problems.push(`${key} must be true or false`);
    }
  }
  if (
    value.log !== undefined &&
    value.log !== false &&
    (typeof value.log !== 'string' || value.log.trim() === '')
  ) {
    problems.push('log must be a file path or false');
  }
  checkLimits(value.limits, problems);
  checkActionSections(value, problems);
  if (problems.length > 0) throw new RaspConfigError('CONFIG_INVALID', problems);
}

/** Tells whether `text` is a route pattern the allow-list understands. */
export function isRoutePattern(text: string): boolean {
  return ROUTE_PATTERN.test(text);
}

/** Tells whether `text` is an IPv4/IPv6 address, optionally with a `/prefix`. */
export function isIpOrCidr(text: string): boolean {
  const slash = text.indexOf('/');
  const address = slash === -1 ? text : text.slice(0, slash);
  const family = isIP(address);
  if (family === 0) return false;
  if (slash === -1) return true;
  const prefix = text.slice(slash + 1);
  return /^\d{1,3}$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128);
}

function checkAttacks(attacks: unknown, problems: string[]): void {
  if (attacks === undefined) return;
  if (!isRecord(attacks)) {
    problems.push('attacks must be an object of attack kind to "monitor", "block" or "off"');
    return;
  }
  for (const [kind, setting] of Object.entries(attacks)) {
    if (!(ATTACK_KINDS as readonly string[]).includes(kind)) {
      problems.push(`attacks.${kind} is not an attack kind (${ATTACK_KINDS.join(', ')})`);
    } else if (!SETTINGS.includes(setting as string)) {
      problems.push(`attacks.${kind} must be "monitor", "block" or "off"`);
    }
  }
}

function checkAllow(allow: unknown, problems: string[]): void {
  if (allow === undefined) return;
  if (!isRecord(allow)) {
    problems.push('allow must be an object with "routes", "ips" and/or "hosts"');
    return;
  }
  for (const key of Object.keys(allow)) {
    if (!['routes', 'ips', 'hosts'].includes(key)) problems.push(`unknown key "allow.${key}"`);
  }
  checkList(
    allow.routes,
    'allow.routes',
    isRoutePattern,
    'a route such as "/health" or "GET /admin/*"',
    problems,
  );
  checkList(allow.ips, 'allow.ips', isIpOrCidr, 'an IP address or CIDR range', problems);
  checkList(
    allow.hosts,
    'allow.hosts',
    isHostPattern,
    'a host name ("*.example" allowed), an IP address or a CIDR range',
    problems,
  );
}

/** A host name, optionally `*.` then a name, or an address or CIDR range. */
export function isHostPattern(text: string): boolean {
  return isIpOrCidr(text) || /^(?:\*\.)?[a-z0-9_-]+(?:\.[a-z0-9_-]+)*\.?$/i.test(text);
}

function checkList(
  list: unknown,
  name: string,
  isValid: (text: string) => boolean,
  expected: string,
  problems: string[],
): void {
  if (list === undefined) return;
  if (!Array.isArray(list)) {
    problems.push(`${name} must be an array`);
    return;
  }
  list.forEach((item: unknown, index) => {
    if (typeof item !== 'string' || !isValid(item)) {
      problems.push(`${name}[${index}] must be ${expected}`);
    }
  });
}

function checkLimits(limits: unknown, problems: string[]): void {
  if (limits === undefined) return;
  if (!isRecord(limits)) {
    problems.push('limits must be an object');
    return;
  }
  for (const [key, limit] of Object.entries(limits)) {
    if (!LIMIT_KEYS.includes(key)) problems.push(`unknown key "limits.${key}"`);
    else if (!isPositiveInteger(limit)) problems.push(`limits.${key} must be a positive integer`);
  }
}

export function isPositiveInteger(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value > 0;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

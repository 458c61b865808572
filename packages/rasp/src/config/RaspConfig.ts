/**
 * The agent's settings, after environment variables and `vigil-rasp.json` have been merged and
 * checked (`loadRaspConfig`). Every field has a default, so a missing or broken configuration
 * still yields a working agent in monitor mode: the agent fails open, never closed.
 */

import { resolve } from 'node:path';

/** The attacks the agent checks at its sinks; the names are those of the events and 403 bodies. */
export type AttackKind =
  | 'sql_injection'
  | 'nosql_injection'
  | 'shell_injection'
  | 'path_traversal'
  | 'ssrf'
  | 'code_injection'
  | 'xss'
  | 'prototype_pollution';

export const ATTACK_KINDS: readonly AttackKind[] = [
  'sql_injection',
  'nosql_injection',
  'shell_injection',
  'path_traversal',
  'ssrf',
  'code_injection',
  'xss',
  'prototype_pollution',
];

/** `monitor` logs detections; `block` also stops the sink call and answers 403. */
export type RaspMode = 'monitor' | 'block';

/** What to do about one kind of attack: `off` skips its checks altogether. */
export type AttackSetting = RaspMode | 'off';

export interface RaspLimits {
  /** Bytes of a request body the agent keeps to look into (it never reads more than the app). */
  readonly maxBodyBytes: number;
  /** User input strings collected per request; the rest are not checked. */
  readonly maxInputs: number;
  /** Nesting depth of parsed bodies walked for user input. */
  readonly maxDepth: number;
}

/** A ready session terminator, or `custom` for the one given to `setSessionTerminator`. */
export type SessionTermination = 'express-session' | 'cookie-session' | 'custom';

/** Where and how detection events are POSTed as JSON batches. */
export interface AlertSettings {
  readonly url: string;
  /** A batch is sent when it holds this many events... */
  readonly batchSize: number;
  /** ...or when its oldest event is this old. */
  readonly flushSeconds: number;
  /** Events kept while the endpoint is down; the oldest are dropped (and counted) beyond it. */
  readonly maxQueue: number;
  /** Attempts after the first, with exponential backoff from one second. */
  readonly retries: number;
}

/** Requests per sliding window, per client address, user (`setUser`, else JWT `sub`) or route. */
export interface RateLimit {
  readonly by: 'ip' | 'user' | 'route';
  readonly max: number;
  readonly windowSeconds: number;
  /** Route patterns the limit applies to (as in `allowRoutes`); empty: every route. */
  readonly routes: readonly string[];
}

/** Many attacks from one address in a short window: an `attack_wave` event, maybe a cool-down. */
export interface AttackWaveSettings {
  readonly threshold: number;
  readonly windowSeconds: number;
  /** Requests from the address are answered 403 for this long (0: only the event). */
  readonly blockSeconds: number;
}

export interface RaspActions {
  /** End the attacker's session on a blocked attack; false: never. */
  readonly terminateSession: SessionTermination | false;
  /** Send events to an HTTP endpoint as well as to the log; null: no alerts. */
  readonly alert: AlertSettings | null;
  /** Stop the process (SIGTERM) after this many attacks; 0: never. */
  readonly shutdownAfter: number;
  readonly rateLimits: readonly RateLimit[];
  readonly attackWave: AttackWaveSettings | null;
}

export const DEFAULT_ACTIONS: RaspActions = {
  terminateSession: false,
  alert: null,
  shutdownAfter: 0,
  rateLimits: [],
  attackWave: null,
};

export interface RaspConfig {
  readonly mode: RaspMode;
  /** The setting of each attack kind (the global mode unless overridden). */
  readonly attacks: Readonly<Record<AttackKind, AttackSetting>>;
  /** Routes never checked: `/health`, `GET /admin/*` (`*` matches any run of characters). */
  readonly allowRoutes: readonly string[];
  /** Client addresses never checked: single addresses or CIDR ranges, IPv4 or IPv6. */
  readonly allowIps: readonly string[];
  /**
   * Outbound destinations a user may choose even when they are internal: host names
   * (`api.internal`, `*.svc.cluster.local`), addresses or CIDR ranges.
   */
  readonly allowOutboundHosts: readonly string[];
  /** Take the client address from `X-Forwarded-For` (only behind a proxy that sets it). */
  readonly trustProxy: boolean;
  /**
   * Also check the global `eval`. Off by default: through a wrapper every `eval` is indirect (runs
   * in the global scope), which breaks a direct `eval` that reads local variables.
   */
  readonly hookEval: boolean;
  /**
   * Freeze the built-in prototypes (`Object.prototype`, `Array.prototype`, ...) at start, so no
   * pollution can land. Off by default: code that assigns a property its prototype chain has as
   * read-only (`obj.toString = ...`) then fails.
   */
  readonly freezePrototypes: boolean;
  /** Where detection events are appended as NDJSON; `null` writes none. */
  readonly logPath: string | null;
  readonly limits: RaspLimits;
  readonly actions: RaspActions;
}

export const DEFAULT_LOG_FILE = 'vigil-rasp.ndjson';

export const DEFAULT_LIMITS: RaspLimits = {
  maxBodyBytes: 1024 * 1024,
  maxInputs: 2000,
  maxDepth: 32,
};

/** The configuration used when nothing is set, or when what is set cannot be trusted. */
export function defaultRaspConfig(cwd: string): RaspConfig {
  return {
    mode: 'monitor',
    attacks: attackSettings('monitor'),
    allowRoutes: [],
    allowIps: [],
    allowOutboundHosts: [],
    trustProxy: false,
    hookEval: false,
    freezePrototypes: false,
    logPath: resolve(cwd, DEFAULT_LOG_FILE),
    limits: DEFAULT_LIMITS,
    actions: DEFAULT_ACTIONS,
  };
}

/** Every attack kind set to `setting`. */
export function attackSettings(setting: AttackSetting): Record<AttackKind, AttackSetting> {
  return Object.fromEntries(ATTACK_KINDS.map((kind) => [kind, setting])) as Record<
    AttackKind,
    AttackSetting
  >;
}

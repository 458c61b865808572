/**
 * Reads the agent's configuration: `vigil-rasp.json` in the working directory (or the file named
 * by `VIGIL_RASP_CONFIG`), then `VIGIL_RASP_*` environment variables over it.
 *
 * Expected failures are values: a bad file or variable yields `problems` (every one, each a short
 * sentence) and the safe defaults, monitor mode, so a typo can never make the agent block
 * traffic or break the app. The caller prints the problems (one line) and carries on.
 */

import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import {
  ATTACK_KINDS,
  DEFAULT_LIMITS,
  defaultRaspConfig,
  type AttackKind,
  type AttackSetting,
  type RaspConfig,
  type RaspMode,
} from './RaspConfig.js';
import {
  assertRaspConfigFile,
  isHostPattern,
  isIpOrCidr,
  isPositiveInteger,
  isRoutePattern,
  type RaspConfigFile,
} from './assertRaspConfigFile.js';
import { RaspConfigError } from './RaspConfigError.js';
import { actionSettings, isAlertUrl } from './assertActionSettings.js';
import type { RaspActions, SessionTermination } from './RaspConfig.js';

export const CONFIG_FILE_NAME = 'vigil-rasp.json';

export interface LoadRaspConfigOptions {
  readonly env?: Readonly<Record<string, string | undefined>>;
  readonly cwd?: string;
}

export interface RaspConfigResult {
  /** False when `VIGIL_RASP_DISABLE` asks for no agent at all. */
  readonly enabled: boolean;
  readonly config: RaspConfig;
  /** Empty when the configuration was used as written; otherwise the defaults were used. */
  readonly problems: readonly string[];
}

const ENV_PREFIX = 'VIGIL_RASP_';
const ATTACK_VARIABLES: Readonly<Record<string, AttackKind>> = Object.fromEntries(
  ATTACK_KINDS.map((kind) => [`${ENV_PREFIX}${kind.toUpperCase()}`, kind]),
);
const KNOWN_VARIABLES = new Set([
  'VIGIL_RASP_MODE',
  'VIGIL_RASP_CONFIG',
  'VIGIL_RASP_LOG',
  'VIGIL_RASP_TRUST_PROXY',
  'VIGIL_RASP_HOOK_EVAL',
  'VIGIL_RASP_FREEZE_PROTOTYPES',
  'VIGIL_RASP_ALLOW_ROUTES',
  'VIGIL_RASP_ALLOW_IPS',
  'VIGIL_RASP_ALLOW_HOSTS',
  'VIGIL_RASP_MAX_BODY_BYTES',
  'VIGIL_RASP_DISABLE',
  'VIGIL_RASP_ALERT_URL',
  'VIGIL_RASP_SHUTDOWN_AFTER',
  'VIGIL_RASP_TERMINATE_SESSION',
  ...Object.keys(ATTACK_VARIABLES),
]);

export function loadRaspConfig(options: LoadRaspConfigOptions = {}): RaspConfigResult {
  const env = options.env ?? process.env;
  const cwd = options.cwd ?? process.cwd();
  const problems: string[] = [];
  const enabled = !isTrue(env.VIGIL_RASP_DISABLE);
  const file = readConfigFile(env.VIGIL_RASP_CONFIG, cwd, problems);
  const fromEnv = readEnvironment(env, problems);
  if (problems.length > 0) return { enabled, config: defaultRaspConfig(cwd), problems };

  const mode: RaspMode = fromEnv.mode ?? file?.mode ?? 'monitor';
  const attacks = Object.fromEntries(
    ATTACK_KINDS.map((kind) => [kind, fromEnv.attacks[kind] ?? file?.attacks?.[kind] ?? mode]),
  ) as Record<AttackKind, AttackSetting>;
  const log = fromEnv.log ?? file?.log;
  return {
    enabled,
    problems,
    config: {
      mode,
      attacks,
      allowRoutes: fromEnv.allowRoutes ?? file?.allow?.routes ?? [],
      allowIps: fromEnv.allowIps ?? file?.allow?.ips ?? [],
      allowOutboundHosts: fromEnv.allowHosts ?? file?.allow?.hosts ?? [],
      trustProxy: fromEnv.trustProxy ?? file?.trustProxy ?? false,
      hookEval: fromEnv.hookEval ?? file?.hookEval ?? false,
      freezePrototypes: fromEnv.freezePrototypes ?? file?.freezePrototypes ?? false,
      logPath: log === false ? null : resolve(cwd, log ?? defaultLogFile(cwd)),
      limits: {
        maxBodyBytes:
          fromEnv.maxBodyBytes ?? file?.limits?.maxBodyBytes ?? DEFAULT_LIMITS.maxBodyBytes,
        maxInputs: file?.limits?.maxInputs ?? DEFAULT_LIMITS.maxInputs,
        maxDepth: file?.limits?.maxDepth ?? DEFAULT_LIMITS.maxDepth,
      },
      actions: withEnvironmentActions(actionSettings(file ?? {}), fromEnv),
    },
  };
}

function defaultLogFile(cwd: string): string {
  return defaultRaspConfig(cwd).logPath ?? '';
}

function readConfigFile(
  named: string | undefined,
  cwd: string,
  problems: string[],
): RaspConfigFile | undefined {
  const path = resolve(cwd, named ?? CONFIG_FILE_NAME);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
    // Only a file the operator named is missed; the default one is optional.
    if (!missing || named !== undefined) problems.push(`${path}: ${describe(error)}`);
    return undefined;
  }
  try {
    const value: unknown = JSON.parse(text);
    assertRaspConfigFile(value);
    return value;
  } catch (error) {
    if (error instanceof RaspConfigError) {
      problems.push(...error.problems.map((problem) => `${path}: ${problem}`));
    } else {
      problems.push(`${path}: not valid JSON (${describe(error)})`);
    }
    return undefined;
  }
}

interface EnvironmentSettings {
  mode?: RaspMode;
  attacks: Partial<Record<AttackKind, AttackSetting>>;
  allowRoutes?: string[];
  allowIps?: string[];
  allowHosts?: string[];
  trustProxy?: boolean;
  hookEval?: boolean;
  freezePrototypes?: boolean;
  log?: string | false;
  maxBodyBytes?: number;
  alertUrl?: string;
  shutdownAfter?: number;
  terminateSession?: SessionTermination | false;
}

function withEnvironmentActions(actions: RaspActions, env: EnvironmentSettings): RaspActions {
  const alert =
    env.alertUrl === undefined
      ? actions.alert
      : {
          batchSize: 50,
          flushSeconds: 5,
          maxQueue: 1000,
          retries: 5,
          ...actions.alert,
          url: env.alertUrl,
        };
  return {
    ...actions,
    alert,
    shutdownAfter: env.shutdownAfter ?? actions.shutdownAfter,
    terminateSession: env.terminateSession ?? actions.terminateSession,
  };
}

function readEnvironment(
  env: Readonly<Record<string, string | undefined>>,
  problems: string[],
): EnvironmentSettings {
  const settings: EnvironmentSettings = { attacks: {} };
  for (const [name, raw] of Object.entries(env)) {
    if (!name.startsWith(ENV_PREFIX) || raw === undefined) continue;
    const value = raw.trim();
    const kind = ATTACK_VARIABLES[name];
    if (!KNOWN_VARIABLES.has(name)) {
      problems.push(`unknown variable ${name}`);
    } else if (kind !== undefined) {
      if (value === 'monitor' || value === 'block' || value === 'off')
        settings.attacks[kind] = value;
      else problems.push(`${name} must be monitor, block or off`);
    } else if (name === 'VIGIL_RASP_MODE') {
      if (value === 'monitor' || value === 'block') settings.mode = value;
      else problems.push(`${name} must be monitor or block`);
    } else if (name === 'VIGIL_RASP_LOG') {
      if (value === '') problems.push(`${name} must be a file path or off`);
      else settings.log = value === 'off' ? false : value;
    } else if (name === 'VIGIL_RASP_TRUST_PROXY') {
      if (isTrue(value) || isFalse(value)) settings.trustProxy = isTrue(value);
      else problems.push(`${name} must be true or false`);
    } else if (name === 'VIGIL_RASP_HOOK_EVAL') {
      if (isTrue(value) || isFalse(value)) settings.hookEval = isTrue(value);
      else problems.push(`${name} must be true or false`);
    } else if (name === 'VIGIL_RASP_FREEZE_PROTOTYPES') {
      if (isTrue(value) || isFalse(value)) settings.freezePrototypes = isTrue(value);
      else problems.push(`${name} must be true or false`);
    } else if (name === 'VIGIL_RASP_ALLOW_ROUTES') {
      settings.allowRoutes = splitList(value, name, isRoutePattern, problems);
    } else if (name === 'VIGIL_RASP_ALLOW_IPS') {
      settings.allowIps = splitList(value, name, isIpOrCidr, problems);
    } else if (name === 'VIGIL_RASP_ALLOW_HOSTS') {
      settings.allowHosts = splitList(value, name, isHostPattern, problems);
    } else if (name === 'VIGIL_RASP_MAX_BODY_BYTES') {
      const bytes = /^\d+$/.test(value) ? Number(value) : Number.NaN;
      if (isPositiveInteger(bytes)) settings.maxBodyBytes = bytes;
      else problems.push(`${name} must be a positive integer`);
    } else if (name === 'VIGIL_RASP_ALERT_URL') {
      if (isAlertUrl(value)) settings.alertUrl = value;
      else problems.push(`${name} must be an http(s) URL`);
    } else if (name === 'VIGIL_RASP_SHUTDOWN_AFTER') {
      if (/^\d+$/.test(value) && Number.isSafeInteger(Number(value))) {
        settings.shutdownAfter = Number(value);
      } else problems.push(`${name} must be 0 (never) or a positive integer`);
    } else if (name === 'VIGIL_RASP_TERMINATE_SESSION') {
      if (value === 'express-session' || value === 'cookie-session' || value === 'custom') {
        settings.terminateSession = value;
      } else if (isFalse(value) || value === 'off') settings.terminateSession = false;
      else problems.push(`${name} must be express-session, cookie-session, custom or off`);
    } else if (name === 'VIGIL_RASP_DISABLE') {
      if (!isTrue(value) && !isFalse(value)) problems.push(`${name} must be true or false`);
    }
    // VIGIL_RASP_CONFIG is read by readConfigFile.
  }
  return settings;
}

function splitList(
  value: string,
  name: string,
  isValid: (item: string) => boolean,
  problems: string[],
): string[] {
  const items = value
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');
  for (const item of items) {
    if (!isValid(item)) problems.push(`${name}: "${item}" is not valid`);
  }
  return items;
}

function isTrue(value: string | undefined): boolean {
  return value !== undefined && ['1', 'true', 'yes'].includes(value.trim().toLowerCase());
}

function isFalse(value: string): boolean {
  return ['0', 'false', 'no', ''].includes(value.trim().toLowerCase());
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

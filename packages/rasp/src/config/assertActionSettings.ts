/**
 * The `actions`, `rateLimits` and `attackWave` sections of `vigil-rasp.json`, checked by hand
 * like the rest of the file (see `assertRaspConfigFile`), and turned into settings with defaults.
 *
 * @example
 * { "actions": { "terminateSession": "express-session", "shutdownAfter": 0,
 *                "alert": { "url": "https://siem.example/rasp", "batchSize": 50 } },
 *   "rateLimits": [{ "by": "ip", "max": 100, "windowSeconds": 60, "routes": ["POST /login"] }],
 *   "attackWave": { "threshold": 10, "windowSeconds": 60, "blockSeconds": 600 } }
 */

import {
  DEFAULT_ACTIONS,
  type AlertSettings,
  type AttackWaveSettings,
  type RaspActions,
  type RateLimit,
  type SessionTermination,
} from './RaspConfig.js';

const TERMINATIONS: readonly unknown[] = ['express-session', 'cookie-session', 'custom', false];
const ALERT_DEFAULTS = { batchSize: 50, flushSeconds: 5, maxQueue: 1000, retries: 5 };
const LIMIT_BY: readonly unknown[] = ['ip', 'user', 'route'];

export interface ActionSections {
  readonly actions?: unknown;
  readonly rateLimits?: unknown;
  readonly attackWave?: unknown;
}

/** Lists every problem of the three sections into `problems`. */
export function checkActionSections(file: ActionSections, problems: string[]): void {
  const { actions, rateLimits, attackWave } = file;
  if (actions !== undefined) {
    if (!isRecord(actions)) problems.push('actions must be an object');
    else {
      for (const key of Object.keys(actions)) {
        if (!['terminateSession', 'alert', 'shutdownAfter'].includes(key)) {
          problems.push(`unknown key "actions.${key}"`);
        }
      }
      if (
        actions.terminateSession !== undefined &&
        !TERMINATIONS.includes(actions.terminateSession)
      ) {
        problems.push(
          'actions.terminateSession must be "express-session", "cookie-session", "custom" or false',
        );
      }
      if (actions.shutdownAfter !== undefined && !isCount(actions.shutdownAfter, true)) {
        problems.push('actions.shutdownAfter must be 0 (never) or a positive integer');
      }
      checkAlert(actions.alert, problems);
    }
  }
  if (rateLimits !== undefined) {
    if (!Array.isArray(rateLimits)) problems.push('rateLimits must be an array');
    else
      rateLimits.forEach((limit: unknown, index) => {
        checkRateLimit(limit, index, problems);
      });
  }
  if (attackWave !== undefined) {
    if (!isRecord(attackWave)) problems.push('attackWave must be an object');
    else {
      checkKeys(attackWave, 'attackWave', ['threshold', 'windowSeconds', 'blockSeconds'], problems);
      for (const key of ['threshold', 'windowSeconds']) {
        if (!isCount(attackWave[key], false))
          problems.push(`attackWave.${key} must be a positive integer`);
      }
      if (attackWave.blockSeconds !== undefined && !isCount(attackWave.blockSeconds, true)) {
        problems.push('attackWave.blockSeconds must be 0 or a positive integer');
      }
    }
  }
}

/** The settings of sections that passed `checkActionSections`. */
export function actionSettings(file: ActionSections): RaspActions {
  const actions = (file.actions ?? {}) as {
    terminateSession?: SessionTermination | false;
    alert?: Partial<AlertSettings> & { url: string };
    shutdownAfter?: number;
  };
  const wave = file.attackWave as Partial<AttackWaveSettings> | undefined;
  return {
    terminateSession: actions.terminateSession ?? DEFAULT_ACTIONS.terminateSession,
    alert: actions.alert === undefined ? null : { ...ALERT_DEFAULTS, ...actions.alert },
    shutdownAfter: actions.shutdownAfter ?? 0,
    rateLimits: (
      (file.rateLimits ?? []) as (Omit<RateLimit, 'routes'> & { routes?: string[] })[]
    ).map((limit) => ({ ...limit, routes: limit.routes ?? [] })),
    attackWave:
      wave === undefined
        ? null
        : {
            threshold: wave.threshold ?? 10,
            windowSeconds: wave.windowSeconds ?? 60,
            blockSeconds: wave.blockSeconds ?? 0,
          },
  };
}

/** An `http:` or `https:` URL. */
export function isAlertUrl(text: unknown): text is string {
  if (typeof text !== 'string' || !URL.canParse(text)) return false;
  return ['http:', 'https:'].includes(new URL(text).protocol);
}

function checkAlert(alert: unknown, problems: string[]): void {
  if (alert === undefined) return;
  if (!isRecord(alert)) {
    problems.push('actions.alert must be an object with a "url"');
    return;
  }
  checkKeys(alert, 'actions.alert', ['url', ...Object.keys(ALERT_DEFAULTS)], problems);
  if (!isAlertUrl(alert.url)) problems.push('actions.alert.url must be an http(s) URL');
  for (const key of ['batchSize', 'flushSeconds', 'maxQueue']) {
    if (alert[key] !== undefined && !isCount(alert[key], false)) {
      problems.push(`actions.alert.${key} must be a positive integer`);
    }
  }
  if (alert.retries !== undefined && !isCount(alert.retries, true)) {
    problems.push('actions.alert.retries must be 0 or a positive integer');
  }
}

function checkRateLimit(limit: unknown, index: number, problems: string[]): void {
  const name = `rateLimits[${index}]`;
  if (!isRecord(limit)) {
    problems.push(`${name} must be an object`);
    return;
  }
  checkKeys(limit, name, ['by', 'max', 'windowSeconds', 'routes'], problems);
  if (!LIMIT_BY.includes(limit.by)) problems.push(`${name}.by must be "ip", "user" or "route"`);
  for (const key of ['max', 'windowSeconds']) {
    if (!isCount(limit[key], false)) problems.push(`${name}.${key} must be a positive integer`);
  }
  if (
    limit.routes !== undefined &&
    (!Array.isArray(limit.routes) || !limit.routes.every((route) => typeof route === 'string'))
  ) {
    problems.push(`${name}.routes must be an array of route patterns`);
  }
}

function checkKeys(
  value: Record<string, unknown>,
  name: string,
  known: readonly string[],
  problems: string[],
): void {
  for (const key of Object.keys(value)) {
    if (!known.includes(key)) problems.push(`unknown key "${name}.${key}"`);
  }
}

function isCount(value: unknown, zeroAllowed: boolean): value is number {
  return (
    typeof value === 'number' &&
    Number.isSafeInteger(value) &&
    (value > 0 || (zeroAllowed && value === 0))
  );
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

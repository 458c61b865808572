// Test support: one agent per test process, with a fresh event log per configuration.
import { mkdtempSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startAgent } from '../agent/startAgent.js';
import { attackSettings, defaultRaspConfig, type RaspConfig } from '../config/RaspConfig.js';
import type { AttackEvent } from '../actions/handleDetection.js';

const logDir = mkdtempSync(join(tmpdir(), 'vigil-rasp-events-'));
let logCount = 0;
let currentLog = '';

/** Starts (or reconfigures) the agent in `mode` with a new, empty event log. */
export function useAgent(mode: 'monitor' | 'block', overrides: Partial<RaspConfig> = {}): void {
  currentLog = join(logDir, `events-${++logCount}.ndjson`);
  const base = defaultRaspConfig(process.cwd());
  startAgent({
    ...base,
    mode,
    attacks: attackSettings(mode),
    logPath: currentLog,
    ...overrides,
  });
}

/** The events logged since the last `useAgent`. */
export function loggedEvents(): AttackEvent[] {
  if (!existsSync(currentLog)) return [];
  return readFileSync(currentLog, 'utf8')
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as AttackEvent);
}

/**
 * Attack-wave detection: `threshold` attacks from one address within `windowSeconds` make one
 * `attack_wave` event (then none for that address until the window has passed) and, when
 * `blockSeconds` is set and the agent blocks, a cool-down during which every request from the
 * address is answered 403 before the app sees it. Local state only, bounded.
 */

import type { AttackWaveSettings, RaspConfig } from '../config/RaspConfig.js';
import { emitEvent } from './emitEvent.js';
import { SlidingWindowCounter } from './SlidingWindowCounter.js';

export interface AttackWaveEvent {
  readonly time: string;
  readonly type: 'attack_wave';
  readonly ip: string;
  readonly attacks: number;
  readonly windowSeconds: number;
  /** Seconds the address is refused for (0: not refused). */
  readonly blockSeconds: number;
}

interface WaveState {
  readonly counter: SlidingWindowCounter;
  /** Address → until when no new wave is reported. */
  readonly reportedUntil: Map<string, number>;
  /** Address → until when its requests are refused. */
  readonly blockedUntil: Map<string, number>;
}

const MAX_ADDRESSES = 10_000;
const states = new WeakMap<AttackWaveSettings, WaveState>();

/** Counts an attack from `ip`; reports (and maybe starts a cool-down) at the threshold. */
export function recordAttack(ip: string | undefined, config: RaspConfig, now = Date.now()): void {
  const wave = config.actions.attackWave;
  if (wave === null || ip === undefined) return;
  const state = stateOf(wave);
  const attacks = state.counter.hit(ip, now);
  if (attacks < wave.threshold || (state.reportedUntil.get(ip) ?? 0) > now) return;
  prune(state.reportedUntil, now);
  state.reportedUntil.set(ip, now + wave.windowSeconds * 1000);
  const blocking = wave.blockSeconds > 0 && config.mode === 'block';
  if (blocking) {
    prune(state.blockedUntil, now);
    state.blockedUntil.set(ip, now + wave.blockSeconds * 1000);
  }
  const event: AttackWaveEvent = {
    time: new Date(now).toISOString(),
    type: 'attack_wave',
    ip,
    attacks,
    windowSeconds: wave.windowSeconds,
    blockSeconds: blocking ? wave.blockSeconds : 0,
  };
  emitEvent(event, config);
}

/** True while `ip` is in a cool-down after an attack wave. */
export function inWaveCoolDown(
  ip: string | undefined,
  config: RaspConfig,
  now = Date.now(),
): boolean {
  const wave = config.actions.attackWave;
  if (wave === null || ip === undefined) return false;
  return (stateOf(wave).blockedUntil.get(ip) ?? 0) > now;
}

function stateOf(wave: AttackWaveSettings): WaveState {
  let state = states.get(wave);
  if (state === undefined) {
    state = {
      counter: new SlidingWindowCounter(wave.windowSeconds * 1000, MAX_ADDRESSES),
      reportedUntil: new Map(),
      blockedUntil: new Map(),
    };
    states.set(wave, state);
  }
  return state;
}

function prune(until: Map<string, number>, now: number): void {
  if (until.size < MAX_ADDRESSES) return;
  for (const [ip, time] of until) if (time <= now) until.delete(ip);
  if (until.size >= MAX_ADDRESSES) until.delete(until.keys().next().value ?? '');
}

/**
 * Thrown (or, for promise APIs, rejected with) by a sink the agent stopped in block mode. By then
 * the agent has answered the request with 403, when headers were not yet sent.
 *
 * `instanceof` works across the agent's ESM and CommonJS builds: it checks a registered brand
 * rather than the class identity.
 */

import type { AttackKind } from '../config/RaspConfig.js';

const BRAND = Symbol.for('vigil.rasp.blocked');

export class VigilRaspBlockedError extends Error {
  override readonly name = 'VigilRaspBlockedError';
  readonly code = 'RASP_BLOCKED';
  readonly kind: AttackKind;
  /** The sink that was stopped: `child_process.exec`, `better-sqlite3.prepare`, `fs.readFile`. */
  readonly sink: string;
  readonly [BRAND] = true;

  constructor(kind: AttackKind, sink: string) {
    super(`vigil-rasp blocked a ${kind.replace('_', ' ')} at ${sink}`);
    this.kind = kind;
    this.sink = sink;
  }

  static override [Symbol.hasInstance](value: unknown): boolean {
    return (
      typeof value === 'object' &&
      value !== null &&
      (value as { [BRAND]?: unknown })[BRAND] === true
    );
  }
}

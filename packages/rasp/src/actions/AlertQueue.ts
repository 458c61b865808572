/**
 * The `alert` action: events POSTed as JSON batches to an HTTP endpoint (a SIEM, a webhook).
 * Never in the app's way: `enqueue` only stores; a batch leaves when it is full or its oldest
 * event has waited `flushSeconds`, on timers that do not keep the process alive. A failed batch
 * is retried with exponential backoff (1 s, 2 s, 4 s, ... at most a minute), except on a 4xx the
 * endpoint gives for the request itself; then it is dropped and counted. The queue is bounded:
 * beyond `maxQueue` the oldest events are dropped, and each batch says how many were.
 * Events carry redacted payloads only (see `redactPayload`).
 *
 * Body: `{ "agent": "vigil-rasp", "sentAt": "...", "dropped": 0, "events": [ ... ] }`.
 */

import type { AlertSettings } from '../config/RaspConfig.js';
import { requestStore } from '../context/requestStore.js';
import { originalOf } from '../hooks/wrapMethod.js';

/** Sends one body; resolves to the HTTP status, rejects on a network error. */
export type AlertTransport = (url: string, body: string) => Promise<number>;

const MAX_BACKOFF_MS = 60_000;
const REQUEST_TIMEOUT_MS = 10_000;

export class AlertQueue {
  readonly #settings: AlertSettings;
  readonly #transport: AlertTransport;
  readonly #backoffMs: number;
  readonly #queue: object[] = [];
  #dropped = 0;
  #timer: NodeJS.Timeout | undefined;
  #sending: Promise<void> | undefined;

  constructor(settings: AlertSettings, transport: AlertTransport = postJson, backoffMs = 1000) {
    this.#settings = settings;
    this.#transport = transport;
    this.#backoffMs = backoffMs;
  }

  /** Events waiting to be sent. */
  get size(): number {
    return this.#queue.length;
  }

  enqueue(event: object): void {
    if (this.#queue.length >= this.#settings.maxQueue) {
      this.#queue.shift();
      this.#dropped++;
    }
    this.#queue.push(event);
    if (this.#queue.length >= this.#settings.batchSize) void this.flush();
    else this.#schedule();
  }

  /** Sends what is queued, batch by batch; resolves when the queue is empty. */
  flush(): Promise<void> {
    this.#sending ??= this.#drain().finally(() => {
      this.#sending = undefined;
    });
    return this.#sending;
  }

  async #drain(): Promise<void> {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    while (this.#queue.length > 0) {
      const batch = this.#queue.splice(0, this.#settings.batchSize);
      const dropped = this.#dropped;
      this.#dropped = 0;
      const body = JSON.stringify({
        agent: 'vigil-rasp',
        sentAt: new Date().toISOString(),
        dropped,
        events: batch,
      });
      if (!(await this.#send(body))) this.#dropped += batch.length;
    }
  }

  async #send(body: string): Promise<boolean> {
    for (let attempt = 0; attempt <= this.#settings.retries; attempt++) {
      if (attempt > 0) {
        await sleep(Math.min(this.#backoffMs * 2 ** (attempt - 1), MAX_BACKOFF_MS));
      }
      try {
        const status = await this.#transport(this.#settings.url, body);
        if (status >= 200 && status < 300) return true;
        // The endpoint refuses this request as such: sending it again cannot help.
        if (status >= 400 && status < 500 && status !== 408 && status !== 429) return false;
      } catch {
        // Network error: retried.
      }
    }
    return false;
  }

  #schedule(): void {
    if (this.#timer !== undefined || this.#sending !== undefined) return;
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      void this.flush();
    }, this.#settings.flushSeconds * 1000);
    this.#timer.unref();
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => {
    setTimeout(resolve, ms).unref();
  });
}

/**
 * POSTs with Node's own `http`/`https` as they were before the agent wrapped them, outside any
 * request's context: the agent's traffic is never checked as the app's.
 */
const postJson: AlertTransport = (url, body) =>
  requestStore.exit(
    () =>
      new Promise<number>((resolve, reject) => {
        const target = new URL(url);
        const module = process.getBuiltinModule(
          target.protocol === 'https:' ? 'node:https' : 'node:http',
        );
        const request = originalOf(module.request);
        const req = request(
          target,
          {
            method: 'POST',
            headers: {
              'content-type': 'application/json',
              'content-length': Buffer.byteLength(body),
              'user-agent': 'vigil-rasp',
            },
            timeout: REQUEST_TIMEOUT_MS,
          },
          (res) => {
            res.resume();
            resolve(res.statusCode ?? 0);
          },
        );
        req.on('timeout', () => req.destroy(new Error('alert endpoint timed out')));
        req.on('error', reject);
        req.end(body);
      }),
  );

/**
 * Counts events per key over a sliding window, in constant memory per key: the count of the
 * current fixed window plus the previous window's count weighted by how much of it the sliding
 * window still covers (the approximation rate limiters such as Cloudflare's use; exact when
 * traffic is even). At most `maxKeys` keys are kept; the least recently started are dropped.
 */

interface Windows {
  start: number;
  current: number;
  previous: number;
}

export class SlidingWindowCounter {
  readonly #windowMs: number;
  readonly #maxKeys: number;
  readonly #keys = new Map<string, Windows>();

  constructor(windowMs: number, maxKeys = 100_000) {
    this.#windowMs = windowMs;
    this.#maxKeys = maxKeys;
  }

  /** Counts one event for `key` at `now` (ms); returns the events in the window ending now. */
  hit(key: string, now: number): number {
    const windows = this.#windowsAt(key, now);
    windows.current++;
    return this.#estimate(windows, now);
  }

  /** The events in the window ending at `now`, without counting one. */
  count(key: string, now: number): number {
    const windows = this.#keys.get(key);
    if (windows === undefined) return 0;
    this.#roll(windows, now);
    return this.#estimate(windows, now);
  }

  #windowsAt(key: string, now: number): Windows {
    let windows = this.#keys.get(key);
    if (windows === undefined) {
      if (this.#keys.size >= this.#maxKeys) {
        const oldest = this.#keys.keys().next();
        if (oldest.done !== true) this.#keys.delete(oldest.value);
      }
      windows = { start: now - (now % this.#windowMs), current: 0, previous: 0 };
      this.#keys.set(key, windows);
      return windows;
    }
    this.#roll(windows, now);
    return windows;
  }

  #roll(windows: Windows, now: number): void {
    const elapsed = Math.floor((now - windows.start) / this.#windowMs);
    if (elapsed <= 0) return;
    windows.previous = elapsed === 1 ? windows.current : 0;
    windows.current = 0;
    windows.start += elapsed * this.#windowMs;
  }

  #estimate(windows: Windows, now: number): number {
    const covered = 1 - (now - windows.start) / this.#windowMs;
    return windows.current + Math.floor(windows.previous * Math.max(0, covered));
  }
}

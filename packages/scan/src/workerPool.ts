import { Worker } from 'node:worker_threads';
import { VigilError, type CandidateFinding, type ScanWarning, type SourceFile } from '@vigil/core';
import type { FileBatch, WorkerReply, WorkerSetup } from './workerProtocol.js';

/** Batches are cut at this many bytes or files, to amortise message costs. */
const BATCH_BYTES = 1 << 20;
const BATCH_FILES = 256;
/** Batches in flight per worker before `add` waits: bounds memory when reading outpaces scanning. */
const IN_FLIGHT_PER_WORKER = 3;

interface PoolWorker {
  worker: Worker;
  inFlight: number;
}

/** Spreads files over worker threads; the caller reads each file once and hands it over. */
export class WorkerPool {
  readonly #workers: PoolWorker[] = [];
  readonly #candidates: CandidateFinding[] = [];
  readonly #warnings: ScanWarning[] = [];
  #pending: SourceFile[] = [];
  #pendingBytes = 0;
  #nextId = 0;
  #failure: Error | undefined;
  #wake: (() => void) | undefined;

  constructor(setup: WorkerSetup, size: number) {
    for (let i = 0; i < size; i++) {
      const worker = new Worker(new URL('./scanWorker.js', import.meta.url), { workerData: setup });
      const entry: PoolWorker = { worker, inFlight: 0 };
      worker.on('message', (reply: WorkerReply) => {
        this.#onReply(entry, reply);
      });
      worker.on('error', (error) => {
        this.#fail(error);
      });
      this.#workers.push(entry);
    }
  }

  #onReply(entry: PoolWorker, reply: WorkerReply): void {
    switch (reply.kind) {
      case 'ready':
        this.#warnings.push(...reply.warnings);
        return;
      case 'done':
        entry.inFlight--;
        this.#candidates.push(...reply.candidates);
        this.#warnings.push(...reply.warnings);
        this.#wake?.();
        return;
      case 'failed':
        this.#fail(new Error(reply.message));
        return;
    }
  }

  #fail(error: Error): void {
    this.#failure ??= error;
    this.#wake?.();
  }

  /** Queues a file; resolves once there is room for more work. */
  async add(file: SourceFile): Promise<void> {
    this.#pending.push(file);
    this.#pendingBytes += file.bytes.length;
    if (this.#pendingBytes >= BATCH_BYTES || this.#pending.length >= BATCH_FILES) {
      await this.#flush();
    }
  }

  async #flush(): Promise<void> {
    if (this.#pending.length === 0) return;
    let target = this.#leastLoaded();
    while (target.inFlight >= IN_FLIGHT_PER_WORKER && !this.#failure) {
      await new Promise<void>((resolve) => (this.#wake = resolve));
      target = this.#leastLoaded();
    }
    this.#throwIfFailed();
    const files = this.#pending;
    this.#pending = [];
    this.#pendingBytes = 0;
    const starts = [0];
    for (const file of files) starts.push((starts.at(-1) ?? 0) + file.bytes.length);
    // A fresh, unshared buffer, so it can be transferred instead of copied again.
    const arena = new Uint8Array(starts.at(-1) ?? 0);
    files.forEach((file, index) => {
      arena.set(file.bytes, starts[index]);
    });
    const batch: FileBatch = {
      id: this.#nextId++,
      arena,
      paths: files.map((file) => file.path),
      starts,
      commits: files.map((file) => file.commit),
      lineMaps: files.map((file) => file.lineMap),
    };
    target.inFlight++;
    target.worker.postMessage(batch, [arena.buffer]);
  }

  #leastLoaded(): PoolWorker {
    let best = this.#workers[0];
    if (!best) throw new VigilError('INTERNAL', 'worker pool has no workers');
    for (const entry of this.#workers) if (entry.inFlight < best.inFlight) best = entry;
    return best;
  }

  #throwIfFailed(): void {
    if (this.#failure) {
      throw new VigilError('INTERNAL', `scan worker failed: ${this.#failure.message}`, {
        cause: this.#failure,
      });
    }
  }

  /** Sends what is queued, waits for every batch, stops the workers. */
  async finish(): Promise<{ candidates: CandidateFinding[]; warnings: ScanWarning[] }> {
    try {
      await this.#flush();
      while (this.#workers.some((entry) => entry.inFlight > 0) && !this.#failure) {
        await new Promise<void>((resolve) => (this.#wake = resolve));
      }
      this.#throwIfFailed();
      return { candidates: this.#candidates, warnings: this.#warnings };
    } finally {
      await this.terminate();
    }
  }

  /** Stops every worker; safe to call more than once. */
  async terminate(): Promise<void> {
    await Promise.all(this.#workers.map((entry) => entry.worker.terminate()));
  }
}

import type { ScanStats } from '@vigil/core';

/** A one-line progress display on a terminal's stderr: files, MB, rate. */
export class Progress {
  readonly #stream: NodeJS.WriteStream;
  readonly #started = Date.now();
  #shown = false;

  constructor(stream: NodeJS.WriteStream) {
    this.#stream = stream;
  }

  update(stats: Readonly<ScanStats>): void {
    const seconds = Math.max((Date.now() - this.#started) / 1000, 0.001);
    const mb = stats.bytesScanned / 1e6;
    const line = `scanning: ${stats.filesScanned.toLocaleString('en-US')} files · ${mb.toFixed(1)} MB · ${(mb / seconds).toFixed(1)} MB/s`;
    this.#stream.write(`\r\x1b[K${line}`);
    this.#shown = true;
  }

  clear(): void {
    if (this.#shown) this.#stream.write('\r\x1b[K');
    this.#shown = false;
  }
}

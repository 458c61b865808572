import { Transform, type TransformCallback } from 'node:stream';
import { Decompress } from 'fzstd';

/** Input is fed in slices this small, so one push cannot expand into a huge output at once. */
const SLICE = 16 * 1024;

/**
 * Zstandard decompression as a stream (Node 20 has none built in), over `fzstd`'s streaming
 * decoder: output is pushed block by block, never the whole layer at once.
 */
export class ZstdDecompressStream extends Transform {
  private readonly decoder = new Decompress((data) => {
    this.push(Buffer.from(data));
  });

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    try {
      for (let at = 0; at < chunk.length; at += SLICE)
        this.decoder.push(chunk.subarray(at, at + SLICE));
      done();
    } catch (error) {
      done(zstdError(error));
    }
  }

  override _flush(done: TransformCallback): void {
    try {
      this.decoder.push(new Uint8Array(0), true);
      done();
    } catch (error) {
      done(zstdError(error));
    }
  }
}

function zstdError(error: unknown): Error {
  return new Error(`invalid zstd data: ${error instanceof Error ? error.message : String(error)}`, {
    cause: error,
  });
}

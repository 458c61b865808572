import { Transform, type TransformCallback } from 'node:stream';

/** Raised inside a stream when more bytes pass than allowed (a decompression bomb, say). */
export class ByteLimitExceeded extends Error {
  override readonly name = 'ByteLimitExceeded';
  constructor(readonly limit: number) {
    super(`more than ${limit} bytes after decompression`);
  }
}

/** Passes bytes through and fails the pipeline once more than `limit` have passed. */
export class ByteLimit extends Transform {
  private passed = 0;

  constructor(private readonly limit: number) {
    super();
  }

  get bytes(): number {
    return this.passed;
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    this.passed += chunk.length;
    if (this.passed > this.limit) done(new ByteLimitExceeded(this.limit));
    else done(null, chunk);
  }
}

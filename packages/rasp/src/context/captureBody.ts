/**
 * Keeps a copy of the request body as the app itself reads it, without changing what the app
 * reads: the HTTP parser hands each body chunk to `req.push`, so a wrapper on this one request's
 * `push` sees every chunk the app's own parser (or `req.on('data')`) will consume, at the pace
 * the app consumes them. Nothing is read ahead; chunks past `maxBytes` are not kept.
 */

export interface BodyCapture {
  readonly chunks: Buffer[];
  bytes: number;
  /** The body went past `maxBytes`: what is kept is a prefix. */
  truncated: boolean;
}

interface Pushable {
  push: (chunk: unknown, encoding?: BufferEncoding) => boolean;
}

export function captureBody(req: Pushable, maxBytes: number): BodyCapture {
  const capture: BodyCapture = { chunks: [], bytes: 0, truncated: false };
  const push = req.push;
  req.push = function pushObserved(this: unknown, ...args: [unknown, BufferEncoding?]): boolean {
    try {
      const [chunk] = args;
      if (chunk !== null && chunk !== undefined) keep(capture, chunk, maxBytes);
    } catch {
      // Observing must never stop the body from reaching the app.
    }
    return Reflect.apply(push, this, args);
  };
  return capture;
}

function keep(capture: BodyCapture, chunk: unknown, maxBytes: number): void {
  if (capture.truncated) return;
  const buffer =
    typeof chunk === 'string' ? Buffer.from(chunk) : Buffer.isBuffer(chunk) ? chunk : undefined;
  if (buffer === undefined) return;
  const room = maxBytes - capture.bytes;
  if (buffer.length > room) {
    capture.truncated = true;
    if (room > 0) capture.chunks.push(buffer.subarray(0, room));
    capture.bytes = maxBytes;
    return;
  }
  capture.chunks.push(buffer);
  capture.bytes += buffer.length;
}

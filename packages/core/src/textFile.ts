import { isAscii } from 'node:buffer';
import type { CommitRef } from './finding.js';
import type { SourceFile } from './scanner.js';

const decoder = new TextDecoder('utf-8', { fatal: false });

/** UTF-8 decoding, with a copy-speed path for pure ASCII (most source files). */
export function decodeUtf8(bytes: Uint8Array): string {
  if (isAscii(bytes)) {
    return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
  }
  return decoder.decode(bytes);
}

/** A `SourceFile` whose text is decoded lazily, once. */
export function sourceFile(
  path: string,
  bytes: Uint8Array,
  fragment?: { commit?: CommitRef; lineMap?: readonly number[] },
): SourceFile {
  let text: string | undefined;
  return {
    path,
    bytes,
    commit: fragment?.commit,
    lineMap: fragment?.lineMap,
    get text() {
      text ??= decodeUtf8(bytes);
      return text;
    },
  };
}

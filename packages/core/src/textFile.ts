import type { CommitRef } from './finding.js';
import type { SourceFile } from './scanner.js';

const decoder = new TextDecoder('utf-8', { fatal: false });

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
      text ??= decoder.decode(bytes);
      return text;
    },
  };
}

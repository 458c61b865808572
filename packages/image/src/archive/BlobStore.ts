import type { Readable } from 'node:stream';

/** Named blobs of an image (members of an archive, or files of an OCI layout directory). */
export interface BlobStore {
  /** The archive or directory, for messages. */
  readonly location: string;
  has(name: string): boolean;
  size(name: string): number | undefined;
  /** The first `length` bytes of a blob (fewer if it is shorter), to sniff its format. */
  head(name: string, length: number): Buffer;
  /** A whole small blob (manifests, configs); `undefined` when it is absent or larger than `maxBytes`. */
  read(name: string, maxBytes: number): Buffer | undefined;
  /** The blob's bytes as a stream: nothing is held in memory beyond the stream's buffers. */
  stream(name: string): Readable;
  close(): void;
}

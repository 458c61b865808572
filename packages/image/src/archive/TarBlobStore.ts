import { closeSync, createReadStream, readSync } from 'node:fs';
import type { Readable } from 'node:stream';
import type { BlobStore } from './BlobStore.js';
import { normaliseMemberName, type TarMember } from './indexTar.js';

/** The members of an uncompressed tar file, read at their offsets from one open descriptor. */
export class TarBlobStore implements BlobStore {
  constructor(
    readonly location: string,
    private readonly fd: number,
    private readonly members: ReadonlyMap<string, TarMember>,
  ) {}

  has(name: string): boolean {
    return this.member(name) !== undefined;
  }

  size(name: string): number | undefined {
    return this.member(name)?.size;
  }

  head(name: string, length: number): Buffer {
    const member = this.member(name);
    if (!member) return Buffer.alloc(0);
    const buffer = Buffer.alloc(Math.min(length, member.size));
    const read = readSync(this.fd, buffer, 0, buffer.length, member.offset);
    return buffer.subarray(0, read);
  }

  read(name: string, maxBytes: number): Buffer | undefined {
    const member = this.member(name);
    if (!member || member.size > maxBytes) return undefined;
    return this.head(name, member.size);
  }

  stream(name: string): Readable {
    const member = this.member(name);
    if (!member) throw new Error(`no member ${name}`);
    if (member.size === 0) return createReadStream(this.location, { start: 1, end: 0 });
    return createReadStream(this.location, {
      start: member.offset,
      end: member.offset + member.size - 1,
    });
  }

  close(): void {
    closeSync(this.fd);
  }

  private member(name: string): TarMember | undefined {
    const member = this.members.get(normaliseMemberName(name));
    return member?.kind === 'file' ? member : undefined;
  }
}

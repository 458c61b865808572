/** The magic that opens a Go binary's `.go.buildinfo` section. */
const MAGIC = Buffer.from('\xff Go buildinf:', 'latin1');
/** The section starts on a 16-byte boundary; its header is 32 bytes, then the inline strings. */
const ALIGNMENT = 16;
/** Bytes kept after each candidate magic: enough for the version and module list of big programs. */
const KEEP = 256 * 1024;
/** The magic also occurs as a constant in programs that read build info; a few candidates suffice. */
const MAX_CANDIDATES = 4;

/**
 * Finds build-info candidates in an executable as it streams past, without holding the file:
 * each 16-byte aligned occurrence of the magic and the bytes after it. `parseGoBuildInfo` then
 * decides which candidate is the real section.
 */
export class GoBuildInfoScanner {
  readonly candidates: Buffer[] = [];
  private offset = 0;
  private carry: Buffer = Buffer.alloc(0);
  private filling: { parts: Buffer[]; length: number } | undefined;

  push(chunk: Buffer): void {
    this.fill(chunk);
    if (this.candidates.length >= MAX_CANDIDATES) {
      this.offset += chunk.length;
      return;
    }
    const data = this.carry.length > 0 ? Buffer.concat([this.carry, chunk]) : chunk;
    const base = this.offset - this.carry.length;
    for (let at = data.indexOf(MAGIC); at >= 0; at = data.indexOf(MAGIC, at + 1)) {
      if ((base + at) % ALIGNMENT !== 0 || this.filling) continue;
      this.filling = { parts: [], length: 0 };
      this.fill(data.subarray(at));
      break;
    }
    this.offset += chunk.length;
    this.carry = Buffer.from(data.subarray(Math.max(0, data.length - (MAGIC.length - 1))));
  }

  /** Call at the end of the file: a candidate cut short by the end is kept as it is. */
  end(): void {
    if (this.filling) this.candidates.push(Buffer.concat(this.filling.parts));
    this.filling = undefined;
  }

  private fill(bytes: Buffer): void {
    const filling = this.filling;
    if (!filling) return;
    const part = bytes.subarray(0, KEEP - filling.length);
    filling.parts.push(Buffer.from(part));
    filling.length += part.length;
    if (filling.length >= KEEP) {
      this.candidates.push(Buffer.concat(filling.parts));
      this.filling = undefined;
    }
  }
}

export function isElf(head: Uint8Array): boolean {
  return head[0] === 0x7f && head[1] === 0x45 && head[2] === 0x4c && head[3] === 0x46;
}

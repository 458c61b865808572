import { readSync } from 'node:fs';
import {
  decodeTarHeader,
  parsePaxRecords,
  TAR_BLOCK,
  tarEntryKind,
  type TarEntryKind,
} from './tarHeader.js';

/** Where one member of an uncompressed tar file lies, so it can be streamed on its own. */
export interface TarMember {
  name: string;
  kind: TarEntryKind;
  /** Byte offset of the member's content in the file. */
  offset: number;
  size: number;
}

export interface TarIndex {
  members: Map<string, TarMember>;
  /** Why the index stopped before the end-of-archive marker, if it did. */
  problem?: string;
}

/** Long names (GNU 'L' and pax 'x' records) larger than this are refused. */
const MAX_LONG_NAME = 64 * 1024;

/**
 * Lists the members of an uncompressed tar file by reading only its headers (content is skipped
 * with positional reads), so an image archive of many gigabytes is indexed in milliseconds and
 * each layer can later be streamed from its offset. Names are normalised (`./` and leading `/`
 * removed); a later member of the same name wins, as extraction would have it.
 */
export function indexTar(fd: number, fileSize: number): TarIndex {
  const members = new Map<string, TarMember>();
  const block = Buffer.alloc(TAR_BLOCK);
  let offset = 0;
  let longName: string | undefined;
  while (offset + TAR_BLOCK <= fileSize) {
    if (readSync(fd, block, 0, TAR_BLOCK, offset) < TAR_BLOCK)
      return { members, problem: `short read at byte ${offset}` };
    const header = decodeTarHeader(block);
    if (header === undefined) return { members };
    if (typeof header === 'string') return { members, problem: `${header} at byte ${offset}` };
    const contentAt = offset + TAR_BLOCK;
    if (contentAt + header.size > fileSize) {
      return {
        members,
        problem: `member "${header.name}" at byte ${offset} claims ${header.size} bytes but the archive ends first (truncated)`,
      };
    }
    const next = contentAt + Math.ceil(header.size / TAR_BLOCK) * TAR_BLOCK;
    if (header.typeflag === 'L' || header.typeflag === 'x') {
      if (header.size > MAX_LONG_NAME)
        return { members, problem: `extended header of ${header.size} bytes at byte ${offset}` };
      const data = Buffer.alloc(header.size);
      readSync(fd, data, 0, header.size, contentAt);
      longName =
        header.typeflag === 'L'
          ? data.toString('utf8').replace(/\0+$/, '')
          : (parsePaxRecords(data).get('path') ?? longName);
      offset = next;
      continue;
    }
    if (header.typeflag !== 'g' && header.typeflag !== 'K') {
      const name = normaliseMemberName(longName ?? header.name);
      members.set(name, {
        name,
        kind: tarEntryKind(header.typeflag),
        offset: contentAt,
        size: header.size,
      });
      longName = undefined;
    }
    offset = next;
  }
  return offset >= fileSize
    ? { members, problem: 'no end-of-archive marker (truncated?)' }
    : { members, problem: `trailing ${fileSize - offset} bytes are not a tar block` };
}

export function normaliseMemberName(name: string): string {
  return name
    .split('/')
    .filter((part) => part !== '' && part !== '.')
    .join('/');
}

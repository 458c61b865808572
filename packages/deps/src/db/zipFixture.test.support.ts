import { createWriteStream } from 'node:fs';
import { finished } from 'node:stream/promises';
import yazl from 'yazl';

/** Writes a real zip archive (deflated members) holding `entries` (name → content). */
export async function writeZip(path: string, entries: Record<string, string | Buffer>) {
  const zip = new yazl.ZipFile();
  for (const [name, content] of Object.entries(entries))
    zip.addBuffer(Buffer.isBuffer(content) ? content : Buffer.from(content), name);
  zip.end();
  await finished(zip.outputStream.pipe(createWriteStream(path)));
}

/** A minimal valid OSV record affecting one package below `fixed`. */
export function osvRecord(
  id: string,
  ecosystem: string,
  name: string,
  fixed: string,
  extra: Record<string, unknown> = {},
): string {
  return JSON.stringify({
    id,
    modified: '2024-01-01T00:00:00Z',
    affected: [
      {
        package: { ecosystem, name },
        ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed }] }],
      },
    ],
    ...extra,
  });
}

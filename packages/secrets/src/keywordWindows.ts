/** Byte range `[start, end)` of a file in which a rule's pattern runs. */
export interface Window {
  start: number;
  end: number;
}

/** How far before a keyword a match may start (scheme before `://`, quotes before a key). */
const BEFORE = 256;
/** How far after a keyword a match may end; rules with longer matches use `scope: 'file'`. */
const AFTER = 1024;

/** Moves an offset back onto the first byte of a UTF-8 sequence. */
function charBoundary(bytes: Uint8Array, offset: number): number {
  let at = offset;
  while (at > 0 && ((bytes[at] ?? 0) & 0xc0) === 0x80) at--;
  return at;
}

/**
 * Merged windows around keyword occurrences (`hitEnds` are offsets just past each keyword).
 * Windows are snapped to UTF-8 character boundaries so each decodes cleanly.
 */
export function keywordWindows(
  bytes: Uint8Array,
  hits: readonly { ends: readonly number[]; length: number }[],
): Window[] {
  const raw: Window[] = [];
  for (const { ends, length } of hits) {
    for (const end of ends) {
      raw.push({
        start: charBoundary(bytes, Math.max(0, end - length - BEFORE)),
        end: charBoundary(bytes, Math.min(bytes.length, end + AFTER)),
      });
    }
  }
  raw.sort((a, b) => a.start - b.start);
  const merged: Window[] = [];
  for (const window of raw) {
    const last = merged.at(-1);
    if (last && window.start <= last.end) last.end = Math.max(last.end, window.end);
    else merged.push({ ...window });
  }
  return merged;
}

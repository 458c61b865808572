/** Octal modes with the others-write bit, or symbolic modes granting `w` to `o`/`a`. */
export function isWorldWritableMode(mode: string): boolean {
  if (/^[0-7]{3,4}$/.test(mode)) return [2, 3, 6, 7].includes(Number(mode.at(-1)));
  return mode.split(',').some((clause) => {
    const match = /^([ugoa]*)([-+=])([rwxXst]*)$/.exec(clause);
    if (!match) return false;
    const who = match[1] ?? '';
    return (
      (who.includes('o') || who.includes('a')) && match[2] !== '-' && (match[3] ?? '').includes('w')
    );
  });
}

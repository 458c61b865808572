/**
 * `Name` and `Version` of an installed Python distribution's `METADATA` (or `PKG-INFO`): an
 * RFC 822 header block, read up to its first blank line (the description follows it).
 */
export function parsePythonMetadata(text: string): { name: string; version: string } | undefined {
  let name: string | undefined;
  let version: string | undefined;
  for (const line of text.split('\n')) {
    const trimmed = line.replace(/\r$/, '');
    if (trimmed === '') break;
    const match = /^(Name|Version):\s*(.*)$/i.exec(trimmed);
    if (match?.[1]?.toLowerCase() === 'name') name ??= match[2]?.trim();
    else if (match?.[1]?.toLowerCase() === 'version') version ??= match[2]?.trim();
  }
  return name && version ? { name, version } : undefined;
}

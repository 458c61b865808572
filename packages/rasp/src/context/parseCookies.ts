/**
 * Reads a `Cookie` request header (RFC 6265 §5.4: `name=value` pairs joined by `;`) into
 * name/value pairs. Lenient like browsers and servers are: pairs without `=` are skipped,
 * surrounding double quotes are dropped, and percent-encoding is decoded where it is valid.
 */
export function parseCookies(header: string | readonly string[] | undefined): [string, string][] {
  if (header === undefined) return [];
  const text = typeof header === 'string' ? header : header.join('; ');
  const cookies: [string, string][] = [];
  for (const pair of text.split(';')) {
    const equals = pair.indexOf('=');
    if (equals === -1) continue;
    const name = pair.slice(0, equals).trim();
    if (name === '') continue;
    let value = pair.slice(equals + 1).trim();
    if (value.length >= 2 && value.startsWith('"') && value.endsWith('"')) {
      value = value.slice(1, -1);
    }
    cookies.push([name, decodeLeniently(value)]);
  }
  return cookies;
}

function decodeLeniently(value: string): string {
  if (!value.includes('%')) return value;
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

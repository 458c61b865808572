/**
 * Patterns for credentials that have no prefix of their own and are recognised by the name they
 * are assigned to: `DATADOG_API_KEY = "…"`, `"pagerduty_token": "…"`, `X-Honeycomb-Team: …`.
 *
 * A name is one of `names`, then up to 20 more name characters, then an assignment (`=`, `:`,
 * `:=`, `=>`) between optional quotes and spaces. Names match case-insensitively and their `_`
 * also matches `-`, `.` or nothing; the value keeps its case. Every gap is bounded, so matching
 * stays linear on long lines.
 */

/** Regex source for `<name>…<assignment>`, to put in front of a value. */
export function assignedTo(names: readonly string[]): string {
  const name = names.map(caseless).join('|');
  return `(?:${name})[\\w.-]{0,20}[\\s'"\`]{0,5}(?:=>|:=|[:=])[\\s'"\`]{0,5}`;
}

/**
 * A value assigned to one of `names`; the value is the `secret` group and must not run on into
 * more token characters.
 *
 * @example keyedPattern(['datadog', 'dd_api_key'], '[0-9a-f]{32}')
 */
export function keyedPattern(names: readonly string[], value: string, end = '(?![\\w-])'): RegExp {
  return new RegExp(`${assignedTo(names)}(?<secret>${value})${end}`);
}

function caseless(name: string): string {
  let source = '';
  for (const char of name) {
    const lower = char.toLowerCase();
    const upper = char.toUpperCase();
    if (char === '_') source += '[_.-]?';
    else if (lower !== upper) source += `[${lower}${upper}]`;
    else source += char.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
  }
  return source;
}

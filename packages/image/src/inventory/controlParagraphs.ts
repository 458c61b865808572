/** One stanza of a Debian control-style file: its fields and the line it starts on. */
export interface ControlParagraph {
  line: number;
  fields: Map<string, string>;
}

/**
 * Splits a Debian control-format file (dpkg `status`) into paragraphs of `Field: value`
 * lines; continuation lines (starting with a space or tab) extend the previous field.
 */
export function controlParagraphs(text: string): ControlParagraph[] {
  const paragraphs: ControlParagraph[] = [];
  let current: ControlParagraph | undefined;
  let last: string | undefined;
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = (lines[i] ?? '').replace(/\r$/, '');
    if (line.trim() === '') {
      current = undefined;
      continue;
    }
    if (line.startsWith(' ') || line.startsWith('\t')) {
      if (current && last !== undefined)
        current.fields.set(last, `${current.fields.get(last) ?? ''}\n${line.slice(1)}`);
      continue;
    }
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    if (!current) {
      current = { line: i + 1, fields: new Map() };
      paragraphs.push(current);
    }
    last = line.slice(0, colon);
    current.fields.set(last, line.slice(colon + 1).trim());
  }
  return paragraphs;
}

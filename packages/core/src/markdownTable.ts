/** Text as one Markdown table cell: pipes escaped, whitespace (newlines too) collapsed. */
export function markdownCell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\s+/g, ' ').trim();
}

/**
 * A Markdown table, as lines: the header, the separator and one line per row. Cells are taken
 * as they are (already formatted, e.g. with backticks); use {@link markdownCell} for prose.
 *
 * @example markdownTable(['id', 'severity'], [['`aws-key`', 'high']])
 */
export function markdownTable(
  headers: readonly string[],
  rows: readonly (readonly string[])[],
): string[] {
  return [
    `| ${headers.join(' | ')} |`,
    `|${headers.map(() => '---').join('|')}|`,
    ...rows.map((row) => `| ${row.join(' | ')} |`),
  ];
}

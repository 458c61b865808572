/** `vigil-ignore` or `vigil-ignore: rule-id[, rule-id] reason text`. */
const directive = /vigil-ignore(?!\w|-\w)(?::\s*([\w./@-]+(?:\s*,\s*[\w./@-]+)*))?(?:\s+(.*))?/;

/** A line holding nothing but a comment that starts with the directive. */
const commentOnly = /^\s*(?:\/\/|#|\/\*+|<!--|--|;|%|\*|\{#|<%#)\s*vigil-ignore(?!\w|-\w)/;

export interface InlineIgnore {
  /** Rule ids named by the comment; empty means every rule. */
  rules: string[];
  reason: string;
}

/** Parses a `vigil-ignore` directive out of one source line, if it has one. */
export function parseInlineIgnore(line: string): InlineIgnore | undefined {
  const index = line.indexOf('vigil-ignore');
  if (index < 0) return undefined;
  const match = directive.exec(line.slice(index));
  if (!match) return undefined;
  const rules = match[1] ? match[1].split(',').map((rule) => rule.trim()) : [];
  const reason = (match[2] ?? '').replace(/\s*(?:\*\/|-->|#}|%>)\s*$/, '').trim();
  return { rules, reason };
}

/**
 * Whether a rule id is named: exactly, by its name without the scanner (`github-pat` matches
 * `secrets/github-pat`), or by a scanner's wildcard (`code/*` matches every `code/` rule).
 */
export function ruleMatches(named: string, ruleId: string): boolean {
  if (named.endsWith('/*')) return ruleId.startsWith(named.slice(0, -1));
  return named === ruleId || ruleId.endsWith(`/${named}`);
}

/**
 * The directive that suppresses `ruleId` at 1-based `line`: on the line itself or alone
 * on the line before it.
 */
export function findInlineIgnore(
  lines: readonly string[],
  line: number,
  ruleId: string,
): InlineIgnore | undefined {
  for (const candidate of [line, line - 1]) {
    const text = lines[candidate - 1];
    if (text === undefined) continue;
    // The line above counts only when the comment stands alone, so a directive at the end of
    // one statement never silences the next line.
    if (candidate !== line && !commentOnly.test(text)) continue;
    const parsed = parseInlineIgnore(text);
    if (!parsed) continue;
    if (parsed.rules.length === 0 || parsed.rules.some((rule) => ruleMatches(rule, ruleId))) {
      return parsed;
    }
  }
  return undefined;
}

/**
 * The structural comparison shared by the SQL and shell detectors.
 *
 * The text a sink received is tokenized twice: as it is, and with every occurrence of the user
 * input replaced by a neutral stand-in (one letter, which can open, close or separate nothing in
 * any of the languages we lex). The second token stream is the structure the developer wrote,
 * with the input as one opaque value. The input is benign when both streams agree token for token
 * outside the occurrences, and each stand-in's token corresponds to tokens of the real text that
 * the language-specific `acceptSlot` accepts (for example: exactly one string literal with the
 * same extent). Whitespace is left out of both streams: where it matters (it separates words)
 * the tokens on either side of it differ anyway.
 */

export interface StructureToken {
  readonly type: string;
  readonly start: number;
  readonly end: number;
  readonly unterminated?: true;
}

export const NEUTRAL_STAND_IN = 'a';

/** Where the input (or an escaped form of it) sits in the real text: `[start, end)`. */
export interface Span {
  readonly start: number;
  readonly end: number;
}

export type StructureComparison =
  | { readonly same: true }
  /** `occurrence` is the index (into `spans`) of the occurrence where the streams diverged. */
  | { readonly same: false; readonly occurrence: number };

export interface StructureInputs<T extends StructureToken> {
  /** Significant tokens of the real text. */
  readonly actual: readonly T[];
  /** Significant tokens of the text with each span replaced by `NEUTRAL_STAND_IN`. */
  readonly neutral: readonly T[];
  /** Non-overlapping occurrences in the real text, ascending. */
  readonly spans: readonly Span[];
  /**
   * Decides whether the real tokens `covered` (inside the neutral token's span, never empty)
   * are an acceptable stand-in for `slot`, the neutral token holding one or more stand-ins;
   * `index` is the slot's position in `neutral` (its grammatical context).
   */
  readonly acceptSlot: (slot: T, covered: readonly T[], index: number) => boolean;
  /**
   * Whether the value in `slot` may have blanks around it (`id = ' 4 '` is still `id = 4`):
   * the covered tokens may then start after and end before the occurrence, the gaps being
   * whitespace, which is all the significant token streams leave out.
   */
  readonly allowPadding?: (slot: T) => boolean;
}

/** Replaces each span with the neutral stand-in. */
export function neutralize(text: string, spans: readonly Span[]): string {
  const parts: string[] = [];
  let from = 0;
  for (const span of spans) {
    parts.push(text.slice(from, span.start), NEUTRAL_STAND_IN);
    from = span.end;
  }
  parts.push(text.slice(from));
  return parts.join('');
}

/** Where stand-in `index` starts in the neutral text. */
export function standInStart(spans: readonly Span[], index: number): number {
  let shift = 0;
  for (let j = 0; j < index; j++) {
    const span = spans[j];
    if (span !== undefined) shift += span.end - span.start - NEUTRAL_STAND_IN.length;
  }
  return (spans[index]?.start ?? 0) - shift;
}

/** Compares the two token streams as described in the module comment; linear in their length. */
export function compareWithNeutral<T extends StructureToken>(
  inputs: StructureInputs<T>,
): StructureComparison {
  const { actual, neutral, spans, acceptSlot, allowPadding } = inputs;
  const standInLength = NEUTRAL_STAND_IN.length;
  const count = spans.length;
  const neutralStarts: number[] = [];
  const shiftsAfter: number[] = [];
  let shift = 0;
  for (const span of spans) {
    neutralStarts.push(span.start - shift);
    shift += span.end - span.start - standInLength;
    shiftsAfter.push(shift);
  }
  const neutralStart = (j: number): number => neutralStarts[j] ?? Infinity;

  // Maps an offset of the neutral text that is not strictly inside a stand-in to the real text.
  let before = 0;
  const toActual = (offset: number): number => {
    while (before < count && neutralStart(before) + standInLength <= offset) before++;
    return offset + (before === 0 ? 0 : (shiftsAfter[before - 1] ?? 0));
  };
  let i = 0;
  let slot = 0;
  for (const [index, token] of neutral.entries()) {
    const firstSlot = slot;
    while (slot < count && neutralStart(slot) < token.end) {
      if (neutralStart(slot) < token.start || neutralStart(slot) + standInLength > token.end) {
        return { same: false, occurrence: slot };
      }
      slot++;
    }
    const blame = Math.max(0, Math.min(firstSlot, count - 1, slot - 1));
    const start = toActual(token.start);
    const end = toActual(token.end);
    if (slot === firstSlot) {
      const real = actual[i];
      if (
        real?.type !== token.type ||
        real.start !== start ||
        real.end !== end ||
        real.unterminated !== token.unterminated
      ) {
        return { same: false, occurrence: blame };
      }
      i++;
      continue;
    }
    const first = i;
    while (i < actual.length && (actual[i]?.end ?? Infinity) <= end) i++;
    const covered = actual.slice(first, i);
    const next = actual[i];
    const padded = allowPadding?.(token) === true;
    const startsRight = padded
      ? (covered[0]?.start ?? Infinity) >= start
      : covered[0]?.start === start;
    const endsRight = padded ? (covered.at(-1)?.end ?? -1) <= end : covered.at(-1)?.end === end;
    if (
      token.unterminated !== undefined ||
      !startsRight ||
      !endsRight ||
      (next !== undefined && next.start < end) ||
      !acceptSlot(token, covered, index)
    ) {
      return { same: false, occurrence: firstSlot };
    }
  }
  if (i !== actual.length || slot !== count) {
    return { same: false, occurrence: Math.max(0, count - 1) };
  }
  return { same: true };
}

export type OccurrenceCheck<T extends StructureToken> =
  | { readonly changed: false }
  | {
      readonly changed: true;
      /** The occurrence blamed. */
      readonly span: Span;
      /** The significant tokens of the real text. */
      readonly actual: readonly T[];
      /** The neutral token that held the blamed occurrence's stand-in, if any. */
      readonly slot: T | undefined;
    };

export interface OccurrenceInputs<T extends StructureToken> {
  readonly text: string;
  readonly input: string;
  /** The input as an application escapes it (see `preferEscaped`). */
  readonly escapedForms: readonly string[];
  /** Significant tokens only (no whitespace). */
  readonly tokenize: (text: string) => T[];
  /**
   * `escaped` is true when the covered tokens are an escaped form of the input; `context` is the
   * neutral text and its tokens, `slot` being `context.tokens[context.index]`.
   */
  readonly acceptSlot: (
    slot: T,
    covered: readonly T[],
    escaped: boolean,
    context: SlotContext<T>,
  ) => boolean;
  /** See `StructureInputs.allowPadding`. */
  readonly allowPadding?: (slot: T) => boolean;
}

/** Where a slot sits in the text with the stand-ins. */
export interface SlotContext<T extends StructureToken> {
  readonly text: string;
  readonly tokens: readonly T[];
  readonly index: number;
}

/**
 * Finds the input in the text and tells whether its occurrences change the structure. Two
 * readings are tried: the raw occurrences, and the escaped values that contain them; the text is
 * benign when either reading keeps the structure. The verdict reports the raw reading, which is
 * what a malicious input did.
 */
export function checkOccurrences<T extends StructureToken>(
  inputs: OccurrenceInputs<T>,
): OccurrenceCheck<T> {
  const { text, input, tokenize, acceptSlot } = inputs;
  const raw = occurrencesOf(text, input);
  if (raw.length === 0) return { changed: false };
  const actual = tokenize(text);
  const compare = (spans: readonly Span[], escaped: boolean): StructureComparison => {
    const neutralText = neutralize(text, spans);
    const neutral = tokenize(neutralText);
    return compareWithNeutral({
      actual,
      neutral,
      spans,
      acceptSlot: (slot, covered, index) =>
        acceptSlot(slot, covered, escaped, { text: neutralText, tokens: neutral, index }),
      allowPadding: inputs.allowPadding,
    });
  };

  const escaped = preferEscaped(
    text,
    raw,
    inputs.escapedForms.filter((form) => form !== input),
  );
  if (escaped !== raw && compare(escaped, true).same) return { changed: false };
  const comparison = compare(raw, false);
  if (comparison.same) return { changed: false };
  const span = raw[comparison.occurrence] ?? { start: 0, end: 0 };
  const standIn = standInStart(raw, comparison.occurrence);
  const neutral = tokenize(neutralize(text, raw));
  const slot = neutral.find((token) => token.start <= standIn && token.end > standIn);
  return { changed: true, span, actual, slot };
}

/**
 * Replaces each raw occurrence lying inside an occurrence of an escaped form (the input with
 * quotes doubled, say) by that escaped occurrence: `'O''Brien'` holds `O'`, but the value the
 * sink received is `O''Brien`. Returns `raw` itself when nothing was replaced.
 */
function preferEscaped(
  text: string,
  raw: readonly Span[],
  escapedForms: readonly string[],
): readonly Span[] {
  // Each form's occurrences ascend in start and end, as do the raw ones: one cursor per form.
  const forms = escapedForms.map((form) => ({ spans: occurrencesOf(text, form), next: 0 }));
  const chosen = raw.map((span) => {
    for (const form of forms) {
      while ((form.spans[form.next]?.end ?? Infinity) < span.end) form.next++;
      const candidate = form.spans[form.next];
      if (candidate !== undefined && candidate.start <= span.start) return candidate;
    }
    return span;
  });
  if (chosen.every((span, index) => span === raw[index])) return raw;
  chosen.sort((a, b) => a.start - b.start || b.end - a.end);
  const spans: Span[] = [];
  for (const span of chosen) {
    const last = spans[spans.length - 1];
    if (last === undefined || span.start >= last.end) spans.push(span);
  }
  return spans;
}

/** The non-overlapping occurrences of `needle` in `text`, left to right. */
function occurrencesOf(text: string, needle: string): Span[] {
  const spans: Span[] = [];
  if (needle.length === 0) return spans;
  let from = text.indexOf(needle);
  while (from !== -1) {
    spans.push({ start: from, end: from + needle.length });
    from = text.indexOf(needle, from + needle.length);
  }
  return spans;
}

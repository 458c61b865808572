import { RegExpParser, visitRegExpAST, type AST } from '@eslint-community/regexpp';

/** A repeated group whose body is a bounded repetition of one character matcher. */
export interface NestedBoundedRepetition {
  /** The outer quantifier's offsets in the pattern (`([a-z]{2,4})+`). */
  start: number;
  end: number;
  /** A character the inner matcher accepts, whose long run takes exponential time. */
  character: string;
}

/**
 * `(x{m,n})+` with m < n, the shape scslre does not report because it treats a bounded
 * quantifier as finite: a run of `x` splits into iterations of different lengths in
 * exponentially many ways (six `a` are 2+2+2 or 3+3 for `(a{2,3})+`), and a failing suffix makes
 * the engine try them all — the classic e-mail pattern's `([a-z0-9]{2,4})+$`. Only reported
 * when something after the repetition can fail: at the very end of the pattern the first way
 * found is accepted. Undefined when the pattern has no such repetition or does not parse.
 */
export function nestedBoundedRepetition(
  pattern: string,
  flags: string,
): NestedBoundedRepetition | undefined {
  let ast: AST.Pattern;
  try {
    ast = new RegExpParser().parsePattern(pattern, undefined, undefined, {
      unicode: flags.includes('u'),
      unicodeSets: flags.includes('v'),
    });
  } catch {
    return undefined;
  }
  let found: NestedBoundedRepetition | undefined;
  visitRegExpAST(ast, {
    onQuantifierEnter(node) {
      if (found || node.max !== Infinity || nothingFollows(node)) return;
      const matcher = boundedSingleMatcher(node.element);
      if (matcher) found = { start: node.start, end: node.end, character: sampleOf(matcher) };
    },
  });
  return found;
}

type SingleMatcher = AST.Character | AST.CharacterSet | AST.CharacterClass;

/** The body's one character matcher when the body is `x{m,n}` with 1 <= m < n < infinity. */
function boundedSingleMatcher(element: AST.QuantifiableElement): SingleMatcher | undefined {
  if (element.type !== 'Group' && element.type !== 'CapturingGroup') return undefined;
  const [alternative, ...others] = element.alternatives;
  if (!alternative || others.length > 0 || alternative.elements.length !== 1) return undefined;
  const inner = alternative.elements[0];
  if (inner?.type !== 'Quantifier') return undefined;
  if (inner.min < 1 || inner.max === Infinity || inner.max <= inner.min) return undefined;
  const matcher = inner.element;
  return matcher.type === 'Character' ||
    matcher.type === 'CharacterSet' ||
    matcher.type === 'CharacterClass'
    ? matcher
    : undefined;
}

function sampleOf(matcher: SingleMatcher): string {
  switch (matcher.type) {
    case 'Character':
      return String.fromCodePoint(matcher.value);
    case 'CharacterSet':
      if (matcher.kind === 'digit') return matcher.negate ? 'a' : '1';
      if (matcher.kind === 'space') return matcher.negate ? 'a' : ' ';
      return matcher.kind === 'word' && matcher.negate ? ' ' : 'a';
    case 'CharacterClass': {
      const first = matcher.elements[0];
      if (matcher.negate || !first) return '\u0000';
      if (first.type === 'Character') return String.fromCodePoint(first.value);
      if (first.type === 'CharacterClassRange') return String.fromCodePoint(first.min.value);
      return 'a';
    }
  }
}

/** The quantifier ends its top-level alternative: nothing after it can make the match fail. */
function nothingFollows(node: AST.Quantifier): boolean {
  const parent = node.parent;
  if (parent.parent.type !== 'Pattern') return false;
  return parent.elements[parent.elements.length - 1] === node;
}

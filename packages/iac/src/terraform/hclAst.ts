/**
 * The syntax tree of HCL2 native syntax (the `.tf` language), with 1-based positions on every
 * node so findings and errors can point at the source.
 */

export interface HclPosition {
  line: number;
  column: number;
  /** UTF-16 offset in the source text. */
  offset: number;
}

export interface HclRange {
  start: HclPosition;
  end: HclPosition;
}

export interface HclBody {
  attributes: HclAttribute[];
  blocks: HclBlock[];
  range: HclRange;
}

export interface HclAttribute {
  kind: 'attribute';
  name: string;
  nameRange: HclRange;
  expr: HclExpression;
  range: HclRange;
}

export interface HclBlock {
  kind: 'block';
  type: string;
  labels: { value: string; range: HclRange }[];
  body: HclBody;
  range: HclRange;
}

/** A step after a splat (`.*` / `[*]`), applied to each element. */
export type HclTraversalStep =
  { kind: 'attr'; name: string } | { kind: 'index'; key: HclExpression };

export type HclTemplatePart =
  | { kind: 'text'; value: string; range: HclRange }
  | { kind: 'interpolation'; expr: HclExpression; range: HclRange }
  | {
      kind: 'if';
      condition: HclExpression;
      then: HclTemplatePart[];
      else: HclTemplatePart[];
      range: HclRange;
    }
  | {
      kind: 'for';
      keyVar?: string;
      valueVar: string;
      collection: HclExpression;
      body: HclTemplatePart[];
      range: HclRange;
    };

export type HclExpression =
  | { kind: 'literal'; value: string | number | boolean | null; range: HclRange }
  | { kind: 'template'; parts: HclTemplatePart[]; heredoc: boolean; range: HclRange }
  | { kind: 'tuple'; items: HclExpression[]; range: HclRange }
  | {
      kind: 'object';
      items: { key: HclExpression; value: HclExpression }[];
      range: HclRange;
    }
  | { kind: 'variable'; name: string; range: HclRange }
  | { kind: 'getAttr'; target: HclExpression; name: string; range: HclRange }
  | { kind: 'index'; target: HclExpression; key: HclExpression; range: HclRange }
  | {
      kind: 'splat';
      target: HclExpression;
      traversal: HclTraversalStep[];
      range: HclRange;
    }
  | {
      kind: 'call';
      name: string;
      args: HclExpression[];
      expandFinal: boolean;
      range: HclRange;
    }
  | { kind: 'unary'; op: '!' | '-'; operand: HclExpression; range: HclRange }
  | {
      kind: 'binary';
      op: HclBinaryOperator;
      left: HclExpression;
      right: HclExpression;
      range: HclRange;
    }
  | {
      kind: 'conditional';
      condition: HclExpression;
      then: HclExpression;
      else: HclExpression;
      range: HclRange;
    }
  | {
      kind: 'for';
      keyVar?: string;
      valueVar: string;
      collection: HclExpression;
      /** Present for object `for` expressions (`{for k, v in x : k => v}`). */
      keyExpr?: HclExpression;
      valueExpr: HclExpression;
      condition?: HclExpression;
      grouping: boolean;
      range: HclRange;
    }
  | { kind: 'parens'; expr: HclExpression; range: HclRange };

export type HclBinaryOperator =
  '||' | '&&' | '==' | '!=' | '<' | '<=' | '>' | '>=' | '+' | '-' | '*' | '/' | '%';

/** A syntax error, at a 1-based line and column. */
export interface HclDiagnostic {
  message: string;
  line: number;
  column: number;
}

/**
 * What `parseHcl` gives: the body it could read and every error met. After an error the parser
 * skips to the next top-level block, so one bad block does not hide the others.
 */
export interface HclParseResult {
  body: HclBody;
  errors: HclDiagnostic[];
}

import type { HclAttribute, HclBlock, HclRange } from './hclAst.js';
import { evaluateHcl, isObject, UNKNOWN, type HclScope, type HclValue } from './evaluateHcl.js';

/** An attribute with its statically evaluated value (possibly `UNKNOWN`) and where it is. */
export interface TerraformAttribute {
  name: string;
  value: HclValue;
  range: HclRange;
}

/**
 * A block (a resource, a data source or a nested block such as `ingress`) as rules read it:
 * attributes evaluated in the module's scope, nested blocks by type. `dynamic` blocks appear
 * as their `content`, whose iterator-dependent values are unknown.
 */
export class TerraformBlock {
  private readonly attributes = new Map<string, HclAttribute>();

  constructor(
    readonly block: HclBlock,
    private readonly scope: HclScope,
  ) {
    for (const attribute of block.body.attributes) this.attributes.set(attribute.name, attribute);
  }

  get range(): HclRange {
    return this.block.range;
  }

  /** The block's own header range (type and labels), the best place to point at absences. */
  get headerRange(): HclRange {
    const last = this.block.labels[this.block.labels.length - 1];
    return { start: this.block.range.start, end: last ? last.range.end : this.block.range.start };
  }

  has(name: string): boolean {
    return this.attributes.has(name);
  }

  attribute(name: string): TerraformAttribute | undefined {
    const attribute = this.attributes.get(name);
    if (attribute === undefined) return undefined;
    return { name, value: evaluateHcl(attribute.expr, this.scope), range: attribute.range };
  }

  /** The attribute's value; `undefined` when absent, `UNKNOWN` when not statically known. */
  value(name: string): HclValue | undefined {
    return this.attribute(name)?.value;
  }

  blocks(type: string): TerraformBlock[] {
    const result: TerraformBlock[] = [];
    for (const child of this.block.body.blocks) {
      if (child.type === type) result.push(new TerraformBlock(child, this.scope));
      else if (child.type === 'dynamic' && child.labels[0]?.value === type) {
        const content = child.body.blocks.find((inner) => inner.type === 'content');
        // The iterator (`x.value`) is no variable of the scope, so what depends on it is unknown.
        if (content) result.push(new TerraformBlock(content, this.scope));
      }
    }
    return result;
  }
}

/** A top-level `resource` or `data` block: its type and name, and the block view. */
export class TerraformResource extends TerraformBlock {
  constructor(
    block: HclBlock,
    scope: HclScope,
    readonly mode: 'resource' | 'data',
  ) {
    super(block, scope);
  }

  get type(): string {
    return this.block.labels[0]?.value ?? '';
  }

  get name(): string {
    return this.block.labels[1]?.value ?? '';
  }

  /** `aws_s3_bucket.logs` or `data.aws_iam_policy_document.admin`. */
  get address(): string {
    return `${this.mode === 'data' ? 'data.' : ''}${this.type}.${this.name}`;
  }
}

/** The strings of a value that is a string or a list of strings (unknown items dropped). */
export function stringsOf(value: HclValue | undefined): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.filter((item): item is string => typeof item === 'string');
  return [];
}

export function isTrue(value: HclValue | undefined): boolean {
  return value === true || value === 'true';
}

export function isFalse(value: HclValue | undefined): boolean {
  return value === false || value === 'false';
}

export { isObject, UNKNOWN };

/**
 * Flattens what a client sent into the strings to look for at sinks, each with where it came from
 * (`query.q`, `body.user.name`, `headers.user-agent`, `params.id`, `body.tags[2]`). Object keys
 * that are more than a plain word are inputs too (`{"name'--": 1}`). Bounded: walking stops at
 * `maxDepth` levels and after `maxInputs` strings, so a hostile body costs a fixed amount of work;
 * cycles cannot loop past the depth bound.
 */

export interface UserInput {
  /** Where the string came from, as a path: `body.user.name`. */
  readonly source: string;
  readonly value: string;
}

export interface InputLimits {
  readonly maxInputs: number;
  readonly maxDepth: number;
}

const PLAIN_KEY = /^[A-Za-z0-9_-]*$/;

export class UserInputCollector {
  readonly inputs: UserInput[] = [];
  readonly #limits: InputLimits;

  constructor(limits: InputLimits) {
    this.#limits = limits;
  }

  isFull(): boolean {
    return this.inputs.length >= this.#limits.maxInputs;
  }

  add(source: string, value: string): void {
    if (!this.isFull() && value !== '') this.inputs.push({ source, value });
  }

  /** Adds every string leaf (and unusual key) of `value`, found at `source`. */
  addValue(source: string, value: unknown, depth = 0): void {
    if (this.isFull()) return;
    if (typeof value === 'string') {
      this.add(source, value);
      return;
    }
    if (typeof value !== 'object' || value === null || depth >= this.#limits.maxDepth) return;
    if (Buffer.isBuffer(value) || ArrayBuffer.isView(value)) return;
    if (Array.isArray(value)) {
      for (let index = 0; index < value.length && !this.isFull(); index++) {
        this.addValue(`${source}[${index}]`, value[index], depth + 1);
      }
      return;
    }
    for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
      if (this.isFull()) return;
      if (!PLAIN_KEY.test(key)) this.add(`${source} key`, key);
      this.addValue(`${source}.${key}`, item, depth + 1);
    }
  }
}

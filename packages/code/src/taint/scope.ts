import type { SinkClass } from '../rules/codeRule.js';
import { joinValues, type Value } from './value.js';

/** A lexical scope: bindings, plus member paths (`req.query.host`) a guard proved safe. */
export class Scope {
  readonly #vars = new Map<string, Value>();
  readonly #clean = new Map<string, readonly SinkClass[]>();
  /** Bindings that narrow an outer one inside a guarded branch (`if (typeof x === …)`). */
  readonly #refined = new Set<string>();

  constructor(
    readonly parent: Scope | undefined,
    /** Function scopes receive `var` declarations and end the search for clean paths. */
    readonly isFunction: boolean,
  ) {}

  lookup(name: string): Value | undefined {
    return this.#vars.get(name) ?? this.parent?.lookup(name);
  }

  has(name: string): boolean {
    return this.#vars.has(name) || (this.parent?.has(name) ?? false);
  }

  /** Whether this scope itself binds the name (`var x;` again keeps the value). */
  binds(name: string): boolean {
    return this.#vars.has(name);
  }

  declare(name: string, value: Value): void {
    this.#vars.set(name, value);
  }

  /** A guard's view of an outer binding inside a branch; assignments reach the outer one too. */
  refine(name: string, value: Value): void {
    this.#vars.set(name, value);
    this.#refined.add(name);
  }

  /** Updates the binding where it lives; `weak` joins (inside branches and loops). */
  assign(name: string, value: Value, weak: boolean): void {
    if (this.#vars.has(name)) {
      this.#vars.set(name, weak ? joinValues(this.#vars.get(name), value) : value);
      if (this.#refined.has(name)) this.parent?.assign(name, value, weak);
    } else if (this.parent) {
      this.parent.assign(name, value, weak);
    } else {
      this.#vars.set(name, value);
    }
  }

  markClean(path: string, classes: readonly SinkClass[]): void {
    this.#clean.set(path, classes);
  }

  cleanClasses(path: string): readonly SinkClass[] | undefined {
    return this.#clean.get(path) ?? this.parent?.cleanClasses(path);
  }
}

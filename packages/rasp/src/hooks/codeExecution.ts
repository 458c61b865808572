/**
 * Code injection sinks: the `Function` constructors (`Function`, and the async and generator
 * ones, however reached: `new Function`, `Function(...)`, `fn.constructor(...)`), `vm`
 * (`runInThisContext`, `runInNewContext`, `runInContext`, `compileFunction`, `new vm.Script`)
 * and, when the operator asks for it (`hookEval`), the global `eval`.
 *
 * Why `eval` is opt-in: a call through any wrapper is an *indirect* eval, which runs in the global
 * scope; an app whose direct `eval` reads local variables would break. The `Function`
 * constructors always compile in the global scope, so replacing them by a `Proxy` (which keeps
 * `instanceof`, `prototype`, `name` and subclassing working) changes nothing for the app.
 */

import { detectCodeInjection } from '../code/detectCodeInjection.js';
import type { SinkCheck } from '../agent/inspectSink.js';
import { callGuarded, type AnyFunction } from './callGuarded.js';
import { wrapMethod } from './wrapMethod.js';

const VM_FUNCTIONS = ['runInThisContext', 'runInNewContext', 'runInContext', 'compileFunction'];
const GUARDED = Symbol.for('vigil.rasp.guardedConstructor');

export function hookCodeExecution(options: { readonly eval: boolean }): void {
  const constructors: readonly (readonly [string, unknown])[] = [
    ['Function', Function],
    [
      'AsyncFunction',
      (async () => {
        await Promise.resolve();
      }).constructor,
    ],
    [
      'GeneratorFunction',
      function* generator() {
        yield;
      }.constructor,
    ],
    [
      'AsyncGeneratorFunction',
      async function* generator() {
        yield await Promise.resolve(0);
      }.constructor,
    ],
  ];
  for (const [name, constructor] of constructors) {
    if (typeof constructor !== 'function') continue;
    const guarded = guardFunctionConstructor(constructor as AnyFunction, name);
    if (guarded === undefined) continue;
    if (name === 'Function') {
      Object.defineProperty(globalThis, 'Function', {
        ...Object.getOwnPropertyDescriptor(globalThis, 'Function'),
        value: guarded,
      });
    }
    Object.defineProperty(constructor.prototype, 'constructor', {
      ...Object.getOwnPropertyDescriptor(constructor.prototype, 'constructor'),
      value: guarded,
    });
  }
  const vm = process.getBuiltinModule('node:vm');
  for (const name of VM_FUNCTIONS) {
    wrapMethod(
      vm,
      name,
      (original) =>
        function guardedVm(this: unknown, ...args: unknown[]): unknown {
          return callGuarded(original, this, args, () => codeCheck(`vm.${name}`, args[0]));
        },
    );
  }
  const script = guardFunctionConstructor(vm.Script as unknown as AnyFunction, 'vm.Script', true);
  if (script !== undefined) {
    Object.defineProperty(vm, 'Script', {
      ...Object.getOwnPropertyDescriptor(vm, 'Script'),
      value: script,
    });
  }
  if (options.eval) {
    wrapMethod(
      globalThis,
      'eval',
      (original) =>
        function evaluate(this: unknown, ...args: unknown[]): unknown {
          return callGuarded(original, this, args, () => codeCheck('eval', args[0]));
        },
    );
  }
}

/**
 * A proxy of a constructor that checks the source before compiling. For the `Function` family
 * the source is the parameters and body as V8 assembles them; for `vm.Script`, the first argument.
 */
function guardFunctionConstructor(
  constructor: AnyFunction,
  sink: string,
  sourceFirst = false,
): AnyFunction | undefined {
  if ((constructor as { [GUARDED]?: true })[GUARDED]) return undefined;
  const check = (args: unknown[]): SinkCheck | undefined =>
    codeCheck(sink, sourceFirst ? args[0] : functionSource(args));
  const proxy: AnyFunction = new Proxy(constructor, {
    apply(target, self, args: unknown[]): unknown {
      return callGuarded(target, self, args, () => check(args));
    },
    construct(target, args: unknown[], newTarget: AnyFunction): object {
      const build = (...built: unknown[]): unknown =>
        Reflect.construct(target, built, newTarget === proxy ? target : newTarget);
      return callGuarded(build, undefined, args, () => check(args)) as object;
    },
    get(target, key, receiver): unknown {
      return key === GUARDED ? true : Reflect.get(target, key, receiver);
    },
  });
  return proxy;
}

/** What `new Function(a, b, body)` compiles; undefined unless every part is a string. */
function functionSource(args: readonly unknown[]): string | undefined {
  const parts = args.filter((arg) => typeof arg === 'string');
  if (parts.length !== args.length) return undefined;
  const body = parts.at(-1) ?? '';
  return `function anonymous(${parts.slice(0, -1).join(',')}\n) {\n${body}\n}`;
}

function codeCheck(sink: string, code: unknown): SinkCheck | undefined {
  if (typeof code !== 'string') return undefined;
  return {
    kind: 'code_injection',
    sink,
    detect: (input) => {
      const verdict = detectCodeInjection(code, input);
      return verdict.attack ? verdict.reason : undefined;
    },
  };
}

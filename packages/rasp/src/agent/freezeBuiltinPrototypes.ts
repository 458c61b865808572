/**
 * Freezes the prototypes of the built-in classes, so that a polluting write
 * (`obj.__proto__.isAdmin = true`) fails instead of reaching every object of the process.
 * Called after the hooks are installed (they replace a few `constructor` properties first).
 */

const BUILTINS: readonly { readonly prototype: unknown }[] = [
  Object,
  Array,
  Function,
  String,
  Number,
  Boolean,
  Symbol,
  BigInt,
  RegExp,
  Date,
  Promise,
  Map,
  Set,
  WeakMap,
  WeakSet,
];

export function freezeBuiltinPrototypes(): void {
  for (const builtin of BUILTINS) Object.freeze(builtin.prototype);
}

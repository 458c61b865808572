import type { Node } from '../ast.js';
import type { SinkClass } from '../rules/codeRule.js';
import type { Scope } from './scope.js';
import { joinTaint, type Taint } from './taint.js';
import type { FileLocation } from '@vigil/core';

/**
 * Objects whose members are untrusted input or sinks: `http` stands for the request/response/
 * context objects of Express, Koa, Fastify, Hono and Next.js alike.
 */
export type Special = 'http' | 'location' | 'document' | 'window' | 'process' | 'messageEvent';

/** A sink reached: what kind, where, and the code at that place. */
export interface SinkHit {
  sinkClass: SinkClass;
  location: FileLocation;
  /** The sink's code with whitespace collapsed (part of the fingerprint). */
  snippet: string;
  /** What the sink is, for messages: e.g. `db.query(…)`. */
  description: string;
  /** A prototype write of a value the caller does not choose (`o[a][b] = true`). */
  fixedValue?: boolean;
}

/** What calling a function does with its parameters, for calls from elsewhere. */
export interface FunctionSummary {
  /** Traces (from parameters, or from input read inside) that reach the return value. */
  returns: Taint | undefined;
  /** For an export that is a known regular expression rather than a function: its patterns. */
  regexes?: readonly KnownRegex[];
  /** For a returned object literal: the traces reaching each property, kept apart. */
  returnProps?: ReadonlyMap<string, Taint | undefined>;
  /** The function returned (a factory's product), to be called or run as a callback later. */
  returnsFunction?: FunctionValue;
  /** Traces of the keys the returned object was read with (`return obj[key]`). */
  returnsProtoKey?: Taint;
  /** Parameters that reach a sink inside, with the path from the parameter to it. */
  sinks: readonly { sink: SinkHit; taint: Taint }[];
  /**
   * Writes `param[key] = …` with a user-controlled key into the object given as parameter
   * `index`: prototype pollution where a caller passes an object that may be a prototype
   * (`helper(target[key], …)`).
   */
  protoWrites?: readonly ProtoWrite[];
  /**
   * Functions, classes and instances the function returns (a factory, a module pattern's API),
   * without taint; only within the module (never in another module's summaries).
   */
  shape?: Value;
}

/** A dynamic write into a parameter, a sink only if the caller's object may be a prototype. */
export interface ProtoWrite {
  sink: SinkHit;
  /** The key's taint. */
  taint: Taint;
  /** The parameter (any one of them, after branches joined). */
  indexes: readonly number[];
}

/**
 * A class (an ES class, a constructor function with prototype methods, an object literal with
 * methods) as its instances see it: `this` in its methods is one shared, flow-insensitive view of
 * every instance — what any method or the constructor stores in `this.x` can be read in any other.
 */
export interface ClassInfo {
  /** Methods on the prototype (or the object), by name. */
  readonly methods: Map<string, Value>;
  /** Names of accessor properties (`get command() {…}`): reading one runs it. */
  readonly getters: Set<string>;
  /** `this.x = …` anywhere in the class, joined. */
  readonly fields: Map<string, Value>;
  constructorFn?: FunctionValue;
  parent?: ClassInfo;
}

export interface FunctionValue {
  node: Node;
  name: string;
  /** The scope the function was created in (its closure). */
  scope: Scope;
  summary?: FunctionSummary;
  computing?: boolean;
  /** Analysed at least once (as a summary, a callback or a leftover). */
  analyzed?: boolean;
  /** The class whose method (or constructor) this is: `this` is its instance. */
  owner?: ClassInfo;
  /** Times run as a constructor by `new`, each with its own arguments (bounded). */
  constructed?: number;
  /**
   * Parameters the function passes to itself as an object read with a user-controlled key
   * (`merge(target[key], source[key])`): a recursive merge or path walker, so writes into
   * them may reach a prototype.
   */
  recursesWithProtoKey?: Set<number>;
}

/** A regular expression the analysis knows the pattern of: a literal, or `RegExp` of constant text. */
export interface KnownRegex {
  pattern: string;
  flags: string;
  /** Where it is written, for messages. */
  location: FileLocation;
}

/** An abstract value: its taint and what the analysis knows about its shape. */
export interface Value {
  taint?: Taint;
  props?: ReadonlyMap<string, Value>;
  special?: Special;
  /** A module (or member of one) from `require`/`import` of a package: `child_process` + `['exec']`. */
  moduleRef?: { module: string; path: readonly string[] };
  /** A relative import: the specifier and the export path (`['default', 'f']`). */
  importRef?: { specifier: string; path: readonly string[] };
  fn?: FunctionValue;
  /** Read as `obj[key]` with a user-controlled key, so it may be `Object.prototype`. */
  protoKey?: Taint;
  /** The value is a parameter of a function (one of these), for the recursive-merge check. */
  paramOf?: { fn: FunctionValue; indexes: readonly number[] };
  /** An object without prototype (`Object.create(null)`): no key reaches `Object.prototype`. */
  nullProto?: boolean;
  /** Prototype keys a guard already rejected (`__proto__`), until all that matter are. */
  rejectedKeys?: ReadonlySet<string>;
  /** An instance of a class (`this`, `new C()`). */
  instance?: ClassInfo;
  /** A class or constructor function: `new` on it makes an instance. */
  classInfo?: ClassInfo;
  /** The `resolve` of a promise executor: what it is called with is the promise's value. */
  resolver?: { value: Value };
  /** The regular expressions the value may be (several after branches or `rules[key]`). */
  regexes?: readonly KnownRegex[];
  /** The value is this constant string (a literal, or literals joined with `+`). */
  text?: string;
  /** The value is an array of these constant strings (`['a+', 'b'].join('|')` is a constant). */
  texts?: readonly string[];
}

export const UNKNOWN: Value = {};

const MAX_DEPTH = 3;
const MAX_REGEXES = 8;

/** The taint of a value and of everything inside it (a few levels of properties). */
export function deepTaint(value: Value | undefined, depth = 0): Taint | undefined {
  if (!value) return undefined;
  if (!value.props || depth >= MAX_DEPTH) return value.taint;
  return joinTaint(value.taint, ...[...value.props.values()].map((v) => deepTaint(v, depth + 1)));
}

/** The union of two values (after branches and loops). */
export function joinValues(a: Value | undefined, b: Value | undefined): Value {
  if (!a) return b ?? UNKNOWN;
  if (!b || a === b) return a;
  let props: Map<string, Value> | undefined;
  if (a.props ?? b.props) {
    props = new Map(a.props);
    for (const [key, value] of b.props ?? []) props.set(key, joinValues(props.get(key), value));
  }
  const taint = joinTaint(a.taint, b.taint);
  const protoKey = joinTaint(a.protoKey, b.protoKey);
  const special = a.special ?? b.special;
  const moduleRef = a.moduleRef ?? b.moduleRef;
  const importRef = a.importRef ?? b.importRef;
  const fn = a.fn ?? b.fn;
  const paramOf = joinParameters(a.paramOf, b.paramOf);
  const nullProto = a.nullProto === true && b.nullProto === true;
  const resolver = a.resolver ?? b.resolver;
  const instance = a.instance ?? b.instance;
  const classInfo = a.classInfo ?? b.classInfo;
  const regexes = joinRegexes(a.regexes, b.regexes);
  // a constant only while every branch agrees on it
  const text = a.text !== undefined && a.text === b.text ? a.text : undefined;
  const texts = a.texts === b.texts ? a.texts : undefined;
  return {
    ...(instance && { instance }),
    ...(classInfo && { classInfo }),
    ...(resolver && { resolver }),
    ...(taint && { taint }),
    ...(props && { props }),
    ...(special && { special }),
    ...(moduleRef && { moduleRef }),
    ...(importRef && { importRef }),
    ...(fn && { fn }),
    ...(protoKey && { protoKey }),
    ...(paramOf && { paramOf }),
    ...(nullProto && { nullProto }),
    ...(regexes && { regexes }),
    ...(text !== undefined && { text }),
    ...(texts && { texts }),
  };
}

/** `target = target || {}` is still the parameter; `arguments[0]` or `arguments[1]` either. */
function joinParameters(a: Value['paramOf'], b: Value['paramOf']): Value['paramOf'] {
  if (!a || !b || a === b) return a ?? b;
  if (a.fn !== b.fn) return undefined;
  if (b.indexes.every((index) => a.indexes.includes(index))) return a;
  return { fn: a.fn, indexes: [...new Set([...a.indexes, ...b.indexes])].slice(0, 8) };
}

/** The functions, classes, instances and packages inside a value, without its taint. */
export function structureOf(value: Value | undefined, depth = 0): Value | undefined {
  if (!value) return undefined;
  const props = new Map<string, Value>();
  if (value.props && depth < MAX_DEPTH) {
    for (const [key, inner] of value.props) {
      const structure = structureOf(inner, depth + 1);
      if (structure) props.set(key, structure);
    }
  }
  const { fn, instance, classInfo, moduleRef } = value;
  if (!fn && !instance && !classInfo && !moduleRef && props.size === 0) return undefined;
  return {
    ...(fn && { fn }),
    ...(instance && { instance }),
    ...(classInfo && { classInfo }),
    ...(moduleRef && { moduleRef }),
    ...(props.size > 0 && { props }),
  };
}

export function newClassInfo(): ClassInfo {
  return { methods: new Map(), getters: new Set(), fields: new Map() };
}

function joinRegexes(
  a: readonly KnownRegex[] | undefined,
  b: readonly KnownRegex[] | undefined,
): readonly KnownRegex[] | undefined {
  if (!a || !b || a === b) return a ?? b;
  const out = [...a];
  for (const regex of b) {
    if (out.length >= MAX_REGEXES) break;
    if (!out.some((known) => known.pattern === regex.pattern && known.flags === regex.flags)) {
      out.push(regex);
    }
  }
  return out;
}

export function tainted(taint: Taint | undefined): Value {
  return taint ? { taint } : UNKNOWN;
}

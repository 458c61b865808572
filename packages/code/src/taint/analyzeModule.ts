import type { FileLocation } from '@vigil/core';
import {
  alwaysExits,
  child,
  children,
  memberName,
  memberPath,
  staticString,
  stringField,
  unwrap,
  type Node,
} from '../ast.js';
import type { LineIndex } from '@vigil/core';
import { SINK_CLASSES, type SinkClass } from '../rules/codeRule.js';
import { normalizeModule, type CallSite } from './callSite.js';
import { guardsOf, rejectsPrototypeKeys, type Guard } from './guards.js';
import { sanitizerClasses } from './sanitizers.js';
import { Scope } from './scope.js';
import { describeRegexSink, regexApplication, worstRegex } from './regexSink.js';
import { literalProperty, matchCallSinks, sinkTaint } from './sinks.js';
import {
  BROWSER_INPUT_MEMBERS,
  HTTP_INPUT_MEMBERS,
  HTTP_INPUT_METHODS,
  HTTP_NESTED_MEMBERS,
  HTTP_PARAMETER_NAMES,
  NEXT_ROUTE_HANDLERS,
  ROUTE_METHODS,
} from './sources.js';
import {
  addStep,
  appendSteps,
  cleanTaint,
  joinTaint,
  taintFor,
  type Step,
  type Taint,
  type Trace,
} from './taint.js';
import {
  deepTaint,
  joinValues,
  newClassInfo,
  structureOf,
  tainted,
  UNKNOWN,
  type ClassInfo,
  type FunctionSummary,
  type FunctionValue,
  type ProtoWrite,
  type KnownRegex,
  type SinkHit,
  type Special,
  type Value,
} from './value.js';

export interface AnalyzeOptions {
  /** Path relative to the scan root, for locations. */
  path: string;
  text: string;
  lines: LineIndex;
  /** `exports`: parameters of exported functions are untrusted (library mode). */
  sources: 'default' | 'exports';
  /** User-declared sanitiser names. */
  sanitizers: ReadonlySet<string>;
  /** Summaries of other files' exports: the import specifier and the export path. */
  importedSummary?: (
    specifier: string,
    exportPath: readonly string[],
  ) => FunctionSummary | undefined;
}

/** Untrusted input reaching a sink, with the path it took. */
export interface TaintFlow {
  sink: SinkHit;
  trace: Trace;
}

export interface ModuleAnalysis {
  flows: TaintFlow[];
  /** Summaries of exported functions, by export path (`default`, `f`, `default.f`). */
  exports: Map<string, FunctionSummary>;
  /** Relative import and require specifiers (`./db`). */
  relativeImports: string[];
}

interface Frame {
  fn: FunctionValue | undefined;
  summarizing: boolean;
  sinks: { sink: SinkHit; taint: Taint }[];
  returnValue: Value | undefined;
  /** Dynamic writes into the function's parameters, sinks once the function is known to recurse. */
  protoWrites: ProtoWrite[];
  /** What `arguments` holds: every argument given, declared or not. */
  argumentsValue?: Value;
}

const EMPTY_SUMMARY: FunctionSummary = { returns: undefined, sinks: [] };
const MAX_EVAL_DEPTH = 250;
const MAX_CALL_DEPTH = 10;
const MAX_FUNCTIONS = 20_000;
/** Constructors run again for each `new` with its own arguments, up to this many times. */
const MAX_CONSTRUCTIONS = 8;
const ALL: readonly SinkClass[] = SINK_CLASSES;
const ARRAY_CALLBACKS = new Set([
  'map',
  'forEach',
  'filter',
  'find',
  'flatMap',
  'some',
  'every',
  'findIndex',
  'sort',
  'reduce',
  'reduceRight',
]);
/** Functions that call back with each member of a collection given first: `forOwn(obj, fn)`. */
const ITERATION_HELPERS = new Set([
  ...ARRAY_CALLBACKS,
  'forOwn',
  'forOwnRight',
  'forIn',
  'forInRight',
  'each',
  'eachOf',
  'forEachOf',
  'mapValues',
  'mapKeys',
  'transform',
]);
/** Package helpers that iterate over their first argument: `_.each(list, fn)`, `async.map(…)`. */
const COLLECTION_HELPERS = new Set([
  ...ARRAY_CALLBACKS,
  'each',
  'eachSeries',
  'eachLimit',
  'eachOf',
  'eachOfSeries',
  'forEachOf',
  'forEachSeries',
  'forEachLimit',
  'mapSeries',
  'mapLimit',
  'mapValues',
  'filterSeries',
  'detect',
  'foldl',
  'inject',
]);
/** Methods that build a string or array from receiver and arguments alike. */
const JOINING_METHODS = new Set(['concat', 'join', 'replace', 'replaceAll', 'padStart', 'padEnd']);
const NON_PROPAGATING_METHODS = new Set([
  'length',
  'includes',
  'indexOf',
  'lastIndexOf',
  'startsWith',
  'endsWith',
  'test',
  'localeCompare',
  'charCodeAt',
  'has',
  'some',
  'every',
  'findIndex',
  'hasOwnProperty',
]);
/** Receivers of plain data helpers: their methods pass argument taint through. */
const PROPAGATING_RECEIVERS = new Set([
  'Object',
  'JSON',
  'Buffer',
  'Array',
  'String',
  'Promise',
  'path',
  'url',
  'querystring',
  'qs',
  'util',
  '_',
  'lodash',
]);
/** Packages doing I/O: what their functions return is not the arguments passed in. */
const IO_MODULES = new Set([
  'fs',
  'fs-extra',
  'child_process',
  'http',
  'https',
  'net',
  'axios',
  'got',
  'node-fetch',
  'pg',
  'mysql',
  'mysql2',
  'sqlite3',
  'better-sqlite3',
  'mongoose',
  'mongodb',
  'crypto',
  'bcrypt',
  'jsonwebtoken',
]);
const PROPAGATING_CONSTRUCTORS = new Set([
  'URL',
  'URLSearchParams',
  'String',
  'Buffer',
  'Array',
  'Set',
  'Map',
]);
const FILE_MODULES = new Set(['fs', 'fs-extra', 'graceful-fs']);
/** Functions that return a promise-returning version of the function they are given. */
const CALLBACK_WRAPPERS = new Set(['promisify', 'denodeify', 'denodify', 'pify', 'fromCallback']);
/** Commands `require('shelljs/global')` defines as globals. */
const SHELL_GLOBALS = new Set(['exec']);
const GLOBAL_SPECIALS: Record<string, Special> = {
  location: 'location',
  document: 'document',
  window: 'window',
  self: 'window',
  globalThis: 'window',
  top: 'window',
  parent: 'window',
  process: 'process',
};

/**
 * The taint engine for one module: a single abstract interpretation over the AST in source order
 * with lexical scopes, in which every value carries its taint (traces from untrusted input or,
 * while a function summary is computed, from the function's parameters). Functions are
 * summarised once (parameters → return, parameters → sinks) and the summary is applied at every
 * call; callbacks are analysed where they are passed, with what the caller gives them. Branches
 * and loops join values; guards (`if (!ALLOWED.includes(x)) return`) clean them. Every recursion
 * is bounded, so no input overflows the stack.
 */
export function analyzeModule(program: Node, options: AnalyzeOptions): ModuleAnalysis {
  return new ModuleAnalyzer(options).run(program);
}

class ModuleAnalyzer {
  private readonly flows: TaintFlow[] = [];
  private readonly frames: Frame[] = [];
  private readonly functions: FunctionValue[] = [];
  private readonly exported = new Map<string, Value>();
  /** Exports assigned from a binding (`module.exports = api`), read again once the module ran. */
  private readonly exportedBindings = new Map<string, { scope: Scope; name: string }>();
  private readonly relativeImports = new Set<string>();
  private readonly moduleScope = new Scope(undefined, true);
  private evalDepth = 0;
  private branchDepth = 0;
  /** `require('shelljs/global')` ran: `exec(…)` is shelljs' `exec`. */
  private shellGlobals = false;
  /** A class's shared view of `this` gained taint: methods run once more at the end. */
  private fieldsChanged = false;

  constructor(private readonly options: AnalyzeOptions) {}

  run(program: Node): ModuleAnalysis {
    this.frames.push({
      fn: undefined,
      summarizing: false,
      sinks: [],
      returnValue: undefined,
      protoWrites: [],
    });
    this.executeBlock(children(program, 'body'), this.moduleScope);
    for (const [exportName, binding] of this.exportedBindings) {
      const latest = binding.scope.lookup(binding.name);
      if (latest) this.exported.set(exportName, latest);
    }
    const exports = new Map<string, FunctionSummary>();
    const queue: [string, FunctionValue][] = [];
    for (const [name, value] of this.exported) {
      for (const [path, regexes] of exportedRegexes(name, value)) {
        exports.set(path, { returns: undefined, sinks: [], regexes });
      }
      for (const [path, fn] of exportedFunctions(name, value)) {
        // what a function returns is only callable within its own module
        const summary = { ...this.summaryOf(fn) };
        delete summary.shape;
        delete summary.returnsFunction;
        exports.set(path, summary);
        queue.push([path, fn]);
      }
    }
    // constructors first: what they store in `this` is what the methods read
    queue.sort(([, a], [, b]) => Number(isConstructor(b)) - Number(isConstructor(a)));
    const entryPoints = new Map<FunctionValue, string>();
    for (let i = 0; i < queue.length && i < MAX_FUNCTIONS; i++) {
      const [path, fn] = queue[i] ?? [];
      if (path === undefined || !fn || entryPoints.has(fn)) continue;
      entryPoints.set(fn, path);
      const returned = this.runEntryPoint(fn, path);
      // a factory's instance: its methods are part of the API too
      for (const [method, member] of returned?.instance?.methods ?? []) {
        if (member.fn) queue.push([`${path}().${method}`, member.fn]);
      }
    }
    // a method stored input in `this` after others read it: the methods run once more
    if (this.fieldsChanged) {
      for (const fn of this.functions) if (fn.owner) delete fn.summary;
      for (const [fn, path] of entryPoints) if (fn.owner) this.runEntryPoint(fn, path);
    }
    const library = this.options.sources === 'exports';
    for (let i = 0; i < this.functions.length && i < MAX_FUNCTIONS; i++) {
      const fn = this.functions[i];
      if (!fn || fn.analyzed) continue;
      this.runFunction(fn, library ? this.utilityArguments(fn) : this.defaultArguments(fn), false);
    }
    if (library) this.reportUtilities(entryPoints);
    return { flows: this.flows, exports, relativeImports: [...this.relativeImports] };
  }

  /**
   * In a library every function may be reached with the caller's objects and keys (methods,
   * classes and UMD factories are API the export scan does not see): a function that pollutes
   * prototypes with its own parameters — a recursive merge, a path setter — is the vulnerability
   * itself, whoever calls it. Its parameters are input for prototype pollution only.
   */
  private utilityArguments(fn: FunctionValue): Value[] {
    const others = SINK_CLASSES.filter((sinkClass) => sinkClass !== 'prototype');
    const params = children(fn.node, 'params');
    const utility = (node: Node, label: string): Value => ({
      taint: [
        {
          origin: { kind: 'input', label, utility: true },
          steps: [this.step(node, `untrusted input: ${label}`)],
          cleanFor: new Set(others),
        },
      ],
    });
    const name = fn.name || 'function';
    const args = params.map((param): Value => {
      if (HTTP_PARAMETER_NAMES.has(patternName(param))) return { special: 'http' };
      return utility(param, `parameter ${patternName(param)} of ${name}`);
    });
    if (hasOwnArguments(fn.node)) args.push(utility(fn.node, `arguments of ${name}`));
    return args;
  }

  /** Summarised functions that pollute prototypes with their own parameters (library mode). */
  private reportUtilities(entryPoints: ReadonlyMap<FunctionValue, string>): void {
    for (const fn of this.functions) {
      if (!fn.summary || entryPoints.has(fn)) continue;
      for (const { sink, taint } of fn.summary.sinks) {
        if (sink.sinkClass !== 'prototype' || sink.fixedValue) continue;
        for (const trace of taint) {
          if (trace.origin.kind !== 'param') continue;
          const label = trace.steps[0]?.message ?? `parameter of ${fn.name || 'function'}`;
          const origin = { kind: 'input' as const, label, utility: true };
          this.flows.push({ sink, trace: { ...trace, origin } });
        }
      }
    }
  }

  /** Exported functions: Next.js route handlers get requests; in library mode parameters are input. */
  private runEntryPoint(fn: FunctionValue, exportPath: string): Value | undefined {
    const name = exportPath.split('.').pop() ?? exportPath;
    const params = children(fn.node, 'params');
    if (NEXT_ROUTE_HANDLERS.has(name) || name === 'getServerSideProps') {
      const [, second] = params;
      const args: Value[] = [{ special: 'http' }];
      if (second) args.push(this.input(second, 'route params'));
      return this.runFunction(fn, args, false);
    }
    if (this.options.sources !== 'exports') return undefined;
    const args = params.map((param) =>
      this.input(param, `parameter ${patternName(param)} of exported ${exportPath}`),
    );
    // what a caller passes beyond the declared parameters, read through `arguments`
    if (hasOwnArguments(fn.node)) {
      args.push(this.input(fn.node, `arguments of exported ${exportPath}`));
    }
    return this.runFunction(fn, args, false);
  }

  private defaultArguments(fn: FunctionValue): Value[] {
    return children(fn.node, 'params').map((param) =>
      HTTP_PARAMETER_NAMES.has(patternName(param)) ? { special: 'http' } : UNKNOWN,
    );
  }

  // ─── locations and traces ───────────────────────────────────────────────

  private location(node: Node): FileLocation {
    return this.span(node.start, node.end);
  }

  private span(startOffset: number, endOffset: number): FileLocation {
    const start = this.options.lines.position(startOffset);
    const end = this.options.lines.position(endOffset);
    return {
      kind: 'file',
      path: this.options.path,
      startLine: start.line,
      startColumn: start.column,
      endLine: end.line,
      endColumn: end.column,
    };
  }

  private snippet(node: Node): string {
    const text = this.options.text.slice(node.start, Math.min(node.end, node.start + 200));
    return text.replace(/\s+/g, ' ').trim();
  }

  private step(node: Node, message: string): Step {
    return { location: this.location(node), message };
  }

  private input(node: Node, label: string): Value {
    return {
      taint: [
        {
          origin: { kind: 'input', label },
          steps: [this.step(node, `untrusted input: ${label}`)],
          cleanFor: new Set(),
        },
      ],
    };
  }

  private get frame(): Frame {
    const frame = this.frames[this.frames.length - 1];
    if (!frame) throw new Error('no frame');
    return frame;
  }

  private reachSink(sink: SinkHit, taint: Taint | undefined): void {
    const live = taintFor(taint, sink.sinkClass);
    if (!live) return;
    for (const trace of live) {
      if (trace.origin.kind === 'input') {
        if (sink.fixedValue && trace.origin.utility) continue;
        this.flows.push({ sink, trace });
        continue;
      }
      // the summary of the function whose parameter it is (a closure's free variable may be a
      // parameter of the function around it)
      const owner = trace.origin.owner;
      const summarizing = this.frames.findLast((frame) => frame.summarizing && frame.fn === owner);
      summarizing?.sinks.push({ sink, taint: [trace] });
    }
  }

  private sinkHit(sinkClass: SinkClass, node: Node, description: string): SinkHit {
    return { sinkClass, location: this.location(node), snippet: this.snippet(node), description };
  }

  // ─── statements ─────────────────────────────────────────────────────────

  private executeBlock(statements: readonly Node[], scope: Scope): void {
    for (const statement of statements) this.hoist(statement, scope);
    for (const statement of statements) this.execute(statement, scope);
  }

  /** Function declarations and imports are visible before the statements run. */
  private hoist(statement: Node, scope: Scope): void {
    let node = statement;
    if (node.type === 'ExportNamedDeclaration' || node.type === 'ExportDefaultDeclaration') {
      node = child(node, 'declaration') ?? node;
    }
    if (node.type === 'FunctionDeclaration') {
      const name = stringField(child(node, 'id') ?? node, 'name') ?? 'default';
      scope.declare(name, { fn: this.createFunction(node, name, scope) });
    } else if (node.type === 'ImportDeclaration') {
      this.bindImport(node, scope);
    }
  }

  private bindImport(node: Node, scope: Scope): void {
    const specifier = staticString(child(node, 'source') ?? node);
    if (specifier === undefined || node.importKind === 'type') return;
    if (specifier === 'shelljs/global') this.shellGlobals = true;
    for (const item of children(node, 'specifiers')) {
      const local = stringField(child(item, 'local') ?? item, 'name');
      if (local === undefined) continue;
      let exportPath: string[] = [];
      if (item.type === 'ImportDefaultSpecifier') exportPath = ['default'];
      else if (item.type === 'ImportSpecifier') {
        const imported = child(item, 'imported');
        const name = imported
          ? (stringField(imported, 'name') ?? staticString(imported))
          : undefined;
        exportPath = name === undefined ? [] : [name];
      }
      scope.declare(local, this.moduleValue(specifier, exportPath));
    }
  }

  private moduleValue(specifier: string, exportPath: readonly string[]): Value {
    if (specifier.startsWith('.')) {
      this.relativeImports.add(specifier);
      return { importRef: { specifier, path: exportPath } };
    }
    // a package's default export is the package itself for every CommonJS sink package
    const path = exportPath[0] === 'default' ? exportPath.slice(1) : exportPath;
    return { moduleRef: { module: normalizeModule(specifier), path } };
  }

  private execute(statement: Node, scope: Scope): void {
    if (this.evalDepth >= MAX_EVAL_DEPTH) return;
    this.evalDepth++;
    try {
      this.executeStatement(statement, scope);
    } finally {
      this.evalDepth--;
    }
  }

  private executeStatement(statement: Node, scope: Scope): void {
    switch (statement.type) {
      case 'ExpressionStatement':
        this.evaluate(child(statement, 'expression'), scope);
        return;
      case 'VariableDeclaration':
        this.declareVariables(statement, scope);
        return;
      case 'ReturnStatement': {
        const value = this.evaluate(child(statement, 'argument'), scope);
        this.frame.returnValue = joinValues(this.frame.returnValue, value);
        return;
      }
      case 'IfStatement':
        this.executeIf(statement, scope);
        return;
      case 'BlockStatement':
      case 'StaticBlock':
        this.executeBlock(children(statement, 'body'), new Scope(scope, false));
        return;
      case 'ForStatement':
      case 'WhileStatement':
      case 'DoWhileStatement':
        this.executeLoop(statement, scope);
        return;
      case 'ForInStatement':
      case 'ForOfStatement':
        this.executeForIn(statement, scope);
        return;
      case 'TryStatement': {
        this.execute(child(statement, 'block') ?? statement, scope);
        const handler = child(statement, 'handler');
        if (handler) {
          const handlerScope = new Scope(scope, false);
          const param = child(handler, 'param');
          if (param) this.bindPattern(param, UNKNOWN, handlerScope, 'declare');
          this.inBranch(() => {
            this.execute(child(handler, 'body') ?? handler, handlerScope);
          });
        }
        const finalizer = child(statement, 'finalizer');
        if (finalizer) this.execute(finalizer, scope);
        return;
      }
      case 'SwitchStatement': {
        this.evaluate(child(statement, 'discriminant'), scope);
        const switchScope = new Scope(scope, false);
        this.inBranch(() => {
          for (const switchCase of children(statement, 'cases')) {
            this.evaluate(child(switchCase, 'test'), switchScope);
            this.executeBlock(children(switchCase, 'consequent'), switchScope);
          }
        });
        return;
      }
      case 'LabeledStatement':
        this.execute(child(statement, 'body') ?? statement, scope);
        return;
      case 'ThrowStatement':
        this.evaluate(child(statement, 'argument'), scope);
        return;
      case 'ClassDeclaration':
        this.defineClass(statement, scope);
        return;
      case 'ExportNamedDeclaration':
        this.executeExportNamed(statement, scope);
        return;
      case 'ExportDefaultDeclaration': {
        const declaration = child(statement, 'declaration');
        if (!declaration) return;
        let value: Value;
        if (declaration.type === 'FunctionDeclaration') {
          const name = stringField(child(declaration, 'id') ?? declaration, 'name') ?? 'default';
          value = scope.lookup(name) ?? UNKNOWN;
        } else if (declaration.type === 'ClassDeclaration') {
          value = this.defineClass(declaration, scope);
        } else {
          value = this.evaluate(declaration, scope);
        }
        this.exported.set('default', value);
        return;
      }
      case 'TSExportAssignment':
        this.exported.set('default', this.evaluate(child(statement, 'expression'), scope));
        return;
      default:
        return;
    }
  }

  private executeExportNamed(statement: Node, scope: Scope): void {
    const declaration = child(statement, 'declaration');
    if (declaration) {
      this.execute(declaration, scope);
      if (declaration.type === 'FunctionDeclaration' || declaration.type === 'ClassDeclaration') {
        const name = stringField(child(declaration, 'id') ?? declaration, 'name');
        if (name !== undefined) this.exported.set(name, scope.lookup(name) ?? UNKNOWN);
      } else if (declaration.type === 'VariableDeclaration') {
        for (const declarator of children(declaration, 'declarations')) {
          const id = child(declarator, 'id');
          const name = id ? stringField(id, 'name') : undefined;
          if (name !== undefined) this.exported.set(name, scope.lookup(name) ?? UNKNOWN);
        }
      }
      return;
    }
    if (child(statement, 'source')) return;
    for (const specifier of children(statement, 'specifiers')) {
      const local = child(specifier, 'local');
      const exported = child(specifier, 'exported');
      const localName = local ? stringField(local, 'name') : undefined;
      const exportedName = exported
        ? (stringField(exported, 'name') ?? staticString(exported))
        : undefined;
      if (localName !== undefined && exportedName !== undefined) {
        this.exported.set(exportedName, scope.lookup(localName) ?? UNKNOWN);
      }
    }
  }

  private declareVariables(declaration: Node, scope: Scope): void {
    const target = declaration.kind === 'var' ? functionScope(scope) : scope;
    for (const declarator of children(declaration, 'declarations')) {
      const id = child(declarator, 'id');
      const init = child(declarator, 'init');
      if (!id) continue;
      // `var f;` after `function f() {}` (or a second `var f;`) leaves the binding as it is
      if (!init && declaration.kind === 'var' && id.type === 'Identifier') {
        if (target.binds(stringField(id, 'name') ?? '')) continue;
      }
      const value = this.evaluate(init, scope);
      if (value.fn && id.type === 'Identifier' && value.fn.name === '') {
        value.fn.name = stringField(id, 'name') ?? '';
      }
      const named = init && value.taint ? this.withStep(value, id, 'assigned') : value;
      this.bindPattern(id, named, target, 'declare');
      const exportName = init && id.type === 'Identifier' ? exportAliased(init, scope) : undefined;
      if (exportName !== undefined) {
        this.exportedBindings.set(exportName, {
          scope: target,
          name: stringField(id, 'name') ?? '',
        });
      }
    }
  }

  private withStep(value: Value, node: Node, verb: string): Value {
    if (!value.taint) return value;
    const name = node.type === 'Identifier' ? stringField(node, 'name') : this.snippet(node);
    return { ...value, taint: addStep(value.taint, this.step(node, `${verb} to ${name ?? '…'}`)) };
  }

  private inBranch(run: () => void): void {
    this.branchDepth++;
    try {
      run();
    } finally {
      this.branchDepth--;
    }
  }

  private executeIf(statement: Node, scope: Scope): void {
    const test = child(statement, 'test');
    const consequent = child(statement, 'consequent');
    const alternate = child(statement, 'alternate');
    this.evaluate(test, scope);
    const guards = test ? guardsOf(test, this.options.sanitizers) : [];
    if (consequent) {
      const thenScope = new Scope(scope, false);
      this.applyGuards(guards, true, thenScope, true);
      this.inBranch(() => {
        this.execute(consequent, thenScope);
      });
    }
    if (alternate) {
      const elseScope = new Scope(scope, false);
      this.applyGuards(guards, false, elseScope, true);
      this.inBranch(() => {
        this.execute(alternate, elseScope);
      });
    }
    // `if (!ok(x)) return;` — what follows runs only when the guard held
    if (consequent && alwaysExits(consequent) && (!alternate || !alwaysExits(alternate))) {
      this.applyGuards(guards, false, scope, false);
    } else if (alternate && alwaysExits(alternate) && !alwaysExits(consequent ?? alternate)) {
      this.applyGuards(guards, true, scope, false);
    }
  }

  private applyGuards(
    guards: readonly Guard[],
    outcome: boolean,
    scope: Scope,
    shadow: boolean,
  ): void {
    for (const guard of guards) {
      if (guard.when !== outcome) continue;
      if (guard.ownKeyOf) {
        scope.markClean(this.ownKeyPath(guard.ownKeyOf, guard.target), guard.classes);
        continue;
      }
      const target = unwrap(guard.target);
      if (target.type === 'Identifier') {
        const name = stringField(target, 'name') ?? '';
        const value = scope.lookup(name);
        if (!value) continue;
        let cleaned = cleanValue(value, guard.classes);
        if (guard.rejects) {
          // `if (key === '__proto__') return;` then `if (key === 'constructor') return;`
          const rejected = new Set([...(value.rejectedKeys ?? []), ...guard.rejects]);
          cleaned = rejectsPrototypeKeys(rejected) ? cleaned : { ...value, rejectedKeys: rejected };
        }
        if (shadow) scope.refine(name, cleaned);
        else scope.assign(name, cleaned, false);
      } else if (!guard.rejects || rejectsPrototypeKeys(new Set(guard.rejects))) {
        const path = memberPath(target);
        if (path) scope.markClean(path.join('.'), guard.classes);
      }
    }
  }

  private executeLoop(statement: Node, scope: Scope): void {
    const loopScope = new Scope(scope, false);
    const init = child(statement, 'init');
    if (init?.type === 'VariableDeclaration') this.declareVariables(init, loopScope);
    else this.evaluate(init, loopScope);
    // twice, so values carried around the loop reach the uses before them
    this.inBranch(() => {
      for (let round = 0; round < 2; round++) {
        this.evaluate(child(statement, 'test'), loopScope);
        this.execute(child(statement, 'body') ?? statement, new Scope(loopScope, false));
        this.evaluate(child(statement, 'update'), loopScope);
      }
    });
  }

  private executeForIn(statement: Node, scope: Scope): void {
    const right = this.evaluate(child(statement, 'right'), scope);
    // keys of a user-controlled object are user-controlled; so are elements of a tainted list
    const element: Value = tainted(deepTaint(right));
    const loopScope = new Scope(scope, false);
    const left = child(statement, 'left');
    this.inBranch(() => {
      for (let round = 0; round < 2; round++) {
        if (left?.type === 'VariableDeclaration') {
          const [declarator] = children(left, 'declarations');
          const id = declarator ? child(declarator, 'id') : undefined;
          if (id) this.bindPattern(id, element, loopScope, 'declare');
        } else if (left) {
          this.bindPattern(left, element, loopScope, 'assign');
        }
        this.execute(child(statement, 'body') ?? statement, new Scope(loopScope, false));
      }
    });
  }

  private defineClass(node: Node, scope: Scope): Value {
    const body = child(node, 'body');
    const info = newClassInfo();
    const superClass = child(node, 'superClass');
    if (superClass) info.parent = classInfoOf(this.evaluate(superClass, scope));
    const props = new Map<string, Value>();
    /** `this` in a static method: the class, whose members are the static methods. */
    let statics: ClassInfo | undefined;
    for (const member of body ? children(body, 'body') : []) {
      const value = child(member, 'value');
      const key = child(member, 'key');
      const name = key ? (stringField(key, 'name') ?? staticString(key)) : undefined;
      if (
        value &&
        (value.type === 'FunctionExpression' || value.type === 'ArrowFunctionExpression') &&
        name !== undefined
      ) {
        const fn = this.createFunction(value, name, scope);
        const method: Value = { fn };
        props.set(name, method);
        if (member.static === true) {
          statics ??= newClassInfo();
          statics.methods.set(name, method);
          fn.owner = statics;
          continue;
        }
        fn.owner = info;
        if (member.kind === 'constructor') info.constructorFn = fn;
        else info.methods.set(name, method);
        if (member.kind === 'get') info.getters.add(name);
      }
    }
    const result: Value = { props, classInfo: info };
    const id = child(node, 'id');
    const name = id ? stringField(id, 'name') : undefined;
    if (name !== undefined) scope.declare(name, result);
    return result;
  }

  // ─── patterns ───────────────────────────────────────────────────────────

  private bindPattern(pattern: Node, value: Value, scope: Scope, mode: 'declare' | 'assign'): void {
    const node = unwrap(pattern);
    switch (node.type) {
      case 'Identifier': {
        const name = stringField(node, 'name') ?? '';
        if (mode === 'declare') scope.declare(name, value);
        else scope.assign(name, value, this.branchDepth > 0);
        return;
      }
      case 'ObjectPattern':
        for (const property of children(node, 'properties')) {
          if (property.type === 'RestElement') {
            const argument = child(property, 'argument');
            if (argument) this.bindPattern(argument, value, scope, mode);
            continue;
          }
          const key = child(property, 'key');
          const target = child(property, 'value');
          if (!key || !target) continue;
          const name =
            property.computed === true
              ? staticString(key)
              : (stringField(key, 'name') ?? staticString(key));
          const member = this.memberOf(value, name, undefined, property, name);
          this.bindPattern(target, member, scope, mode);
        }
        return;
      case 'ArrayPattern': {
        const element = tainted(deepTaint(value));
        for (const item of children(node, 'elements')) {
          const target = item.type === 'RestElement' ? child(item, 'argument') : item;
          if (target) this.bindPattern(target, element, scope, mode);
        }
        return;
      }
      case 'AssignmentPattern': {
        const left = child(node, 'left');
        const fallback = this.evaluate(child(node, 'right'), scope);
        if (left) this.bindPattern(left, joinValues(value, fallback), scope, mode);
        return;
      }
      case 'RestElement': {
        const argument = child(node, 'argument');
        if (argument) this.bindPattern(argument, value, scope, mode);
        return;
      }
      case 'TSParameterProperty': {
        const parameter = child(node, 'parameter');
        if (parameter) this.bindPattern(parameter, value, scope, mode);
        return;
      }
      case 'MemberExpression':
        this.assignMember(node, value, scope, node);
        return;
      default:
        return;
    }
  }

  // ─── expressions ────────────────────────────────────────────────────────

  private evaluate(expression: Node | undefined, scope: Scope): Value {
    if (!expression) return UNKNOWN;
    if (this.evalDepth >= MAX_EVAL_DEPTH) return UNKNOWN;
    this.evalDepth++;
    try {
      return this.evaluateNode(unwrap(expression), scope);
    } finally {
      this.evalDepth--;
    }
  }

  private evaluateNode(node: Node, scope: Scope): Value {
    switch (node.type) {
      case 'Identifier':
        return this.lookup(node, scope);
      case 'Literal':
        return this.literal(node);
      case 'ThisExpression':
        return scope.lookup('this') ?? UNKNOWN;
      case 'TemplateLiteral':
        return this.evaluateTemplate(node, scope);
      case 'TaggedTemplateExpression': {
        const quasi = child(node, 'quasi');
        const tag = memberPath(child(node, 'tag') ?? node);
        // sql`…`, Prisma.sql`…` and $queryRaw`…` bind the values as parameters; String.raw does not
        const joined = quasi ? this.evaluateTemplate(quasi, scope) : UNKNOWN;
        return tag?.join('.') === 'String.raw' ? joined : UNKNOWN;
      }
      case 'BinaryExpression': {
        const left = this.evaluate(child(node, 'left'), scope);
        const right = this.evaluate(child(node, 'right'), scope);
        if (node.operator !== '+') return UNKNOWN;
        const joined = this.prefixed(node, tainted(joinTaint(left.taint, right.taint)));
        return left.text !== undefined && right.text !== undefined
          ? { ...joined, text: left.text + right.text }
          : joined;
      }
      case 'LogicalExpression':
        return joinValues(
          this.evaluate(child(node, 'left'), scope),
          this.evaluate(child(node, 'right'), scope),
        );
      case 'ConditionalExpression':
        this.evaluate(child(node, 'test'), scope);
        return joinValues(
          this.evaluate(child(node, 'consequent'), scope),
          this.evaluate(child(node, 'alternate'), scope),
        );
      case 'UnaryExpression':
      case 'UpdateExpression':
        this.evaluate(child(node, 'argument'), scope);
        return UNKNOWN;
      case 'AwaitExpression':
      case 'YieldExpression':
      case 'SpreadElement':
        return this.evaluate(child(node, 'argument'), scope);
      case 'SequenceExpression': {
        let last: Value = UNKNOWN;
        for (const item of children(node, 'expressions')) last = this.evaluate(item, scope);
        return last;
      }
      case 'AssignmentExpression':
        return this.evaluateAssignment(node, scope);
      case 'MemberExpression':
        return this.evaluateMember(node, scope);
      case 'CallExpression':
      case 'NewExpression':
        return this.evaluateCall(node, scope);
      case 'ObjectExpression':
        return this.evaluateObject(node, scope);
      case 'ArrayExpression': {
        const elements = children(node, 'elements').map((element) => this.evaluate(element, scope));
        const array = tainted(joinTaint(...elements.map((element) => deepTaint(element))));
        const texts = elements.map((element) => element.text);
        return texts.every((text) => text !== undefined) ? { ...array, texts } : array;
      }
      case 'FunctionExpression':
      case 'ArrowFunctionExpression': {
        const id = child(node, 'id');
        return { fn: this.createFunction(node, id ? (stringField(id, 'name') ?? '') : '', scope) };
      }
      case 'ClassExpression':
        return this.defineClass(node, scope);
      case 'JSXElement':
      case 'JSXFragment':
        this.evaluateJsx(node, scope);
        return UNKNOWN;
      default:
        return UNKNOWN;
    }
  }

  private lookup(node: Node, scope: Scope): Value {
    const name = stringField(node, 'name') ?? '';
    const value = scope.lookup(name);
    if (value) return value;
    if (name === 'exports') return this.exportsObject();
    if (name === 'arguments') {
      const frame = this.frames.findLast(
        (candidate) => candidate.fn?.node.type !== 'ArrowFunctionExpression',
      );
      return frame?.argumentsValue ?? UNKNOWN;
    }
    // own keys only: a bare `hasOwnProperty` or `constructor` is no special object
    const special = Object.hasOwn(GLOBAL_SPECIALS, name) ? GLOBAL_SPECIALS[name] : undefined;
    return special ? { special } : UNKNOWN;
  }

  /** What `module.exports` holds so far, for modules that call their own exports. */
  private exportsObject(): Value {
    const base = this.exported.get('default');
    const props = new Map(base?.props);
    for (const [name, value] of this.exported) if (name !== 'default') props.set(name, value);
    return { ...base, props };
  }

  private createFunction(node: Node, name: string, scope: Scope): FunctionValue {
    const fn: FunctionValue = { node, name, scope };
    this.functions.push(fn);
    return fn;
  }

  private evaluateTemplate(node: Node, scope: Scope): Value {
    const values = children(node, 'expressions').map((expression) =>
      this.evaluate(expression, scope),
    );
    const joined = this.prefixed(node, tainted(joinTaint(...values.map((value) => value.taint))));
    const text = templateText(node, values);
    return text === undefined ? joined : { ...joined, text };
  }

  /** Regex literals are known patterns; string literals are constants (for `new RegExp('…')`). */
  private literal(node: Node): Value {
    const regex = node.regex as { pattern?: unknown; flags?: unknown } | undefined;
    if (regex && typeof regex.pattern === 'string') {
      const flags = typeof regex.flags === 'string' ? regex.flags : '';
      return { regexes: [this.knownRegex(regex.pattern, flags, node)] };
    }
    return typeof node.value === 'string' ? { text: node.value } : UNKNOWN;
  }

  private knownRegex(pattern: string, flags: string, node: Node): KnownRegex {
    return { pattern, flags, location: this.location(node) };
  }

  /** `new RegExp('a+', 'g')`, `RegExp(/a+/, 'i')`: a known pattern when its parts are constant. */
  private constructedRegex(site: CallSite): readonly KnownRegex[] | undefined {
    const [source, flagsValue] = site.values;
    if (!source) return undefined;
    const flags = flagsValue ? flagsValue.text : undefined;
    if (flagsValue && flags === undefined) return undefined;
    if (source.text !== undefined) return [this.knownRegex(source.text, flags ?? '', site.node)];
    return source.regexes?.map((regex) => ({ ...regex, flags: flags ?? regex.flags }));
  }

  /**
   * A known pattern applied to untrusted text (`re.test(s)`, `s.replace(re, …)`) whose matching
   * takes super-linear time on some input: reported at the method, with the worst pattern.
   */
  private checkRegexApplication(site: CallSite, calleeNode: Node): void {
    const application = regexApplication(site, {
      compile: (text, flags) => this.knownRegex(text, flags, site.args[0] ?? site.node),
      imported: (ref) => this.options.importedSummary?.(ref.specifier, ref.path)?.regexes,
    });
    if (!application) return;
    const subject = taintFor(application.subject, 'redos');
    if (!subject) return;
    const worst = worstRegex(application.regexes);
    if (!worst) return;
    const property = child(calleeNode, 'property') ?? site.node;
    const location = this.span(property.start, site.node.end);
    const receiverText = this.snippet(child(calleeNode, 'object') ?? calleeNode);
    const call = `${receiverText.length > 30 ? '…' : receiverText}.${site.name ?? 'call'}(…)`;
    const description = describeRegexSink(call, worst.regex, worst.verdict, {
      path: location.path,
      line: location.startLine,
    });
    this.reachSink(
      { sinkClass: 'redos', location, snippet: this.snippet(site.node), description },
      subject,
    );
  }

  /**
   * A string that starts with a fixed origin (`https://api.example.com/…`) or a fixed local path
   * (`/items/…`) cannot be pointed at another host, whatever follows.
   */
  private prefixed(node: Node, value: Value): Value {
    if (!value.taint) return value;
    // `name + ' ' + version`, `` `${a}:${b}` ``: a key with a part no prototype key contains
    if (literalParts(node).some((part) => !PROTOTYPE_KEYS.some((key) => key.includes(part)))) {
      value = { ...value, taint: cleanTaint(value.taint, ['prototype']) };
    }
    const prefix = leadingText(node);
    if (prefix !== undefined && /^(?:(?:https?:)?\/\/[^/?#]+[/?#]|\/(?![/\\]))/i.test(prefix)) {
      return { ...value, taint: cleanTaint(value.taint, ['ssrf', 'redirect']) };
    }
    return value;
  }

  private evaluateObject(node: Node, scope: Scope): Value {
    const props = new Map<string, Value>();
    let spread: Taint | undefined;
    for (const property of children(node, 'properties')) {
      if (property.type === 'SpreadElement') {
        const value = this.evaluate(child(property, 'argument'), scope);
        for (const [key, inner] of value.props ?? []) props.set(key, inner);
        spread = joinTaint(spread, value.taint);
        continue;
      }
      const key = child(property, 'key');
      const valueNode = child(property, 'value');
      if (!key || !valueNode) continue;
      const name =
        property.computed === true
          ? staticString(key)
          : (stringField(key, 'name') ?? staticString(key));
      if (property.computed === true) this.evaluate(key, scope);
      let value = this.evaluate(valueNode, scope);
      if (value.fn?.name === '' && name !== undefined) value.fn.name = name;
      if (name === '$where') {
        this.reachSink(this.sinkHit('nosql', property, '$where'), value.taint);
      }
      // { $eq: x } compares x as a value, whatever its type
      if (name === '$eq' && value.taint) value = { taint: cleanTaint(value.taint, ['nosql']) };
      if (name !== undefined) props.set(name, value);
    }
    // `this` in the object's methods is the object: `this.helper()`, `this.cache = …`
    const methods = [...props.values()].filter(
      (value) => value.fn && !value.fn.owner && value.fn.node.type !== 'ArrowFunctionExpression',
    );
    if (methods.length > 0) {
      const info = newClassInfo();
      for (const [key, value] of props) info.methods.set(key, value);
      for (const method of methods) if (method.fn) method.fn.owner = info;
    }
    return { props, ...(spread && { taint: spread }) };
  }

  private evaluateJsx(node: Node, scope: Scope): void {
    const opening = child(node, 'openingElement');
    for (const attribute of opening ? children(opening, 'attributes') : []) {
      if (attribute.type === 'JSXSpreadAttribute') {
        this.evaluate(child(attribute, 'argument'), scope);
        continue;
      }
      const container = child(attribute, 'value');
      const expression = container ? child(container, 'expression') : undefined;
      if (!expression) continue;
      const value = this.evaluate(expression, scope);
      const name = stringField(child(attribute, 'name') ?? attribute, 'name');
      if (name === 'dangerouslySetInnerHTML') {
        const html = value.props?.get('__html')?.taint ?? value.taint;
        this.reachSink(this.sinkHit('xss', attribute, 'dangerouslySetInnerHTML'), html);
      }
    }
    for (const item of children(node, 'children')) {
      if (item.type === 'JSXExpressionContainer') this.evaluate(child(item, 'expression'), scope);
      else if (item.type === 'JSXElement' || item.type === 'JSXFragment')
        this.evaluate(item, scope);
    }
  }

  private evaluateMember(node: Node, scope: Scope): Value {
    if (exportNameOf(memberPath(node), scope) === 'default') return this.exportsObject();
    const object = this.evaluate(child(node, 'object'), scope);
    const name = memberName(node) ?? numericMember(node, object);
    const key =
      node.computed === true && name === undefined
        ? this.evaluate(child(node, 'property'), scope)
        : undefined;
    let value = this.memberOf(object, name, key, node);
    // name a fresh source by its full member chain: `req.query.id`, not `req.query`
    const objectNode = child(node, 'object');
    const [trace] = object.taint ?? [];
    if (
      object.taint?.length === 1 &&
      trace?.origin.kind === 'input' &&
      trace.steps.length === 1 &&
      objectNode &&
      trace.origin.label === this.snippet(unwrap(objectNode)) &&
      name !== undefined &&
      value.taint === object.taint
    ) {
      value = { ...value, ...this.input(node, this.snippet(node)) };
    }
    if (value.protoKey && objectNode && this.isOwnKey(objectNode, child(node, 'property'), scope)) {
      value = { ...value, protoKey: undefined };
    }
    const path = memberPath(node);
    const clean = path ? scope.cleanClasses(path.join('.')) : undefined;
    return clean && value.taint ? { ...value, taint: cleanTaint(value.taint, clean) } : value;
  }

  /** `obj[key]` after `hasOwnProperty(obj, key)` held: an own property, never a prototype. */
  private isOwnKey(object: Node, key: Node | undefined, scope: Scope): boolean {
    if (!key) return false;
    return scope.cleanClasses(this.ownKeyPath(object, key))?.includes('prototype') === true;
  }

  private ownKeyPath(object: Node, key: Node): string {
    const text = (node: Node): string =>
      this.options.text.slice(node.start, node.end).replace(/\s+/g, '');
    return `${text(unwrap(object))}[${text(unwrap(key))}]`;
  }

  /** The value of `object.name` (or `object[key]`); `label` names a destructured source. */
  private memberOf(
    object: Value,
    name: string | undefined,
    key: Value | undefined,
    node: Node,
    label?: string,
  ): Value {
    const special = object.special;
    if (special !== undefined) {
      if (name === undefined) return UNKNOWN;
      return this.specialMember(special, name, node, label);
    }
    if (object.instance) {
      const member =
        name !== undefined
          ? this.instanceMember(object.instance, name, node)
          : [...object.instance.fields.values()].reduce<Value>(joinValues, UNKNOWN);
      return member ?? UNKNOWN;
    }
    if (object.moduleRef && name !== undefined) {
      return { moduleRef: { ...object.moduleRef, path: [...object.moduleRef.path, name] } };
    }
    if (object.importRef && name !== undefined) {
      return { importRef: { ...object.importRef, path: [...object.importRef.path, name] } };
    }
    const known = name !== undefined ? object.props?.get(name) : undefined;
    if (known) return object.taint ? joinValues(known, { taint: object.taint }) : known;
    if (name === 'length') return UNKNOWN;
    let result: Value = object.taint ? { taint: object.taint } : UNKNOWN;
    if (name === undefined && object.props && object.props.size > 0) {
      let all: Value = result;
      for (const value of object.props.values()) all = joinValues(all, value);
      // any one of the members: not a known parameter (`arguments[i]`)
      result = { ...all, paramOf: undefined };
    }
    const keyTaint = taintFor(key?.taint, 'prototype');
    // a tree built of `Object.create(null)` nodes: its members are taken to be such nodes too
    if (object.nullProto && name === undefined) result = { ...result, nullProto: true };
    else if (keyTaint) result = { ...result, protoKey: keyTaint };
    return result;
  }

  /** `this.name` on an instance: a field, an accessor's value, a method (also inherited). */
  private instanceMember(info: ClassInfo, name: string, node: Node): Value | undefined {
    let current: ClassInfo | undefined = info;
    for (let depth = 0; current && depth < 8; depth++) {
      const field = current.fields.get(name);
      if (field) return field;
      const method = current.methods.get(name);
      if (method?.fn && current.getters.has(name)) return this.callFunction(method.fn, [], node);
      if (method) return method;
      current = current.parent;
    }
    return undefined;
  }

  /** `this.name = value` (or `this.a.b = value`): joined into the class's shared view. */
  private writeField(info: ClassInfo, path: readonly string[], value: Value): void {
    const [name, ...rest] = path;
    if (name === undefined) return;
    if (value.fn && !value.fn.owner) value.fn.owner = info;
    // instances outlive the call that filled them: a parameter's trace would have no summary
    // to land in, so only input is kept
    const stored = keepInput(value);
    const before = info.fields.get(name);
    const after = joinValues(before, withNested(before, rest, stored));
    if ((deepTaint(after)?.length ?? 0) !== (deepTaint(before)?.length ?? 0)) {
      this.fieldsChanged = true;
    }
    info.fields.set(name, after);
  }

  /** The class a function stands for when called with `new` (or given prototype methods). */
  private classOf(fn: FunctionValue): ClassInfo {
    if (fn.owner) return fn.owner;
    const info = newClassInfo();
    info.constructorFn = fn;
    fn.owner = info;
    return info;
  }

  /** `new C(…)`: the constructor runs with the arguments on a fresh view of the class. */
  private construct(
    info: ClassInfo,
    fallback: FunctionValue | undefined,
    values: readonly Value[],
  ): Value {
    let current: ClassInfo | undefined = info;
    let ctor = info.constructorFn ?? fallback;
    for (let depth = 0; !ctor && current.parent && depth < 8; depth++) {
      current = current.parent;
      ctor = current.constructorFn;
    }
    if (
      ctor &&
      (ctor.constructed ?? 0) < MAX_CONSTRUCTIONS &&
      !this.frames.some((frame) => frame.fn === ctor)
    ) {
      ctor.constructed = (ctor.constructed ?? 0) + 1;
      this.runFunction(ctor, values, false);
    }
    return { instance: info };
  }

  private specialMember(special: Special, name: string, node: Node, label?: string): Value {
    const describe = (): string => label ?? this.snippet(node);
    switch (special) {
      case 'http':
        if (HTTP_NESTED_MEMBERS.has(name)) return { special: 'http' };
        return HTTP_INPUT_MEMBERS.has(name) ? this.input(node, describe()) : UNKNOWN;
      case 'window':
        if (name === 'location') return { special: 'location' };
        if (name === 'document') return { special: 'document' };
        break;
      case 'document':
        if (name === 'location') return { special: 'location' };
        break;
      case 'location':
      case 'process':
      case 'messageEvent':
        break;
    }
    if (!BROWSER_INPUT_MEMBERS[special].has(name)) return UNKNOWN;
    const input = this.input(node, describe());
    // whoever runs a command-line tool names files on their own machine and reads its logs:
    // its arguments cross no trust boundary there (they still do into a shell or eval)
    return special === 'process' ? { taint: cleanTaint(input.taint, ['path', 'log']) } : input;
  }

  private evaluateAssignment(node: Node, scope: Scope): Value {
    const left = child(node, 'left');
    const operator = stringField(node, 'operator') ?? '=';
    let value = this.evaluate(child(node, 'right'), scope);
    if (!left) return value;
    if (operator !== '=') {
      if (operator === '&&=' || operator === '||=' || operator === '??=' || operator === '+=') {
        value = joinValues(this.evaluate(left, scope), value);
      } else {
        value = UNKNOWN;
      }
    }
    const target = unwrap(left);
    if (target.type === 'Identifier') {
      const name = stringField(target, 'name') ?? '';
      if (name === 'location' && !scope.has(name)) {
        this.reachSink(this.sinkHit('redirect', node, 'location = …'), value.taint);
      }
      if (value.fn?.name === '') value.fn.name = name;
      // `exports = module.exports = api`, `x = module.exports = {}`: an alias of the exports
      const right = child(node, 'right');
      const exportName =
        name === 'exports' && !scope.has(name)
          ? 'default'
          : right
            ? exportAliased(right, scope)
            : undefined;
      scope.assign(name, this.withStep(value, target, 'assigned'), this.branchDepth > 0);
      if (exportName !== undefined) this.exportedBindings.set(exportName, { scope, name });
      return value;
    }
    if (target.type === 'MemberExpression') {
      this.assignMember(target, value, scope, node);
      return value;
    }
    this.bindPattern(target, value, scope, 'assign');
    return value;
  }

  /** `object.name = value`: sinks (innerHTML, location, ctx.body, obj[k] = v), exports, properties. */
  private assignMember(target: Node, value: Value, scope: Scope, node: Node): void {
    const objectNode = child(target, 'object');
    const object = this.evaluate(objectNode, scope);
    const name = memberName(target);
    const key =
      target.computed === true && name === undefined
        ? this.evaluate(child(target, 'property'), scope)
        : undefined;
    const path = memberPath(target);
    const text = path?.join('.');

    if (name === 'innerHTML' || name === 'outerHTML') {
      this.reachSink(this.sinkHit('xss', node, name), value.taint);
    }
    if (
      (object.special === 'location' && name === 'href') ||
      (name === 'location' && (object.special === 'window' || object.special === 'document'))
    ) {
      this.reachSink(this.sinkHit('redirect', node, text ?? 'location'), value.taint);
    }
    if (object.special === 'http' && name === 'body') {
      const right = child(node, 'right');
      if (right && containsMarkup(right)) {
        this.reachSink(this.sinkHit('xss', node, text ?? 'body'), value.taint);
      }
    }
    const exportName = exportNameOf(path, scope);
    if (exportName !== undefined) {
      this.exported.set(exportName, value);
      // `module.exports = api; api.set = function …`: read the binding again at the end
      const right = unwrap(child(node, 'right') ?? node);
      const rightName = right.type === 'Identifier' ? stringField(right, 'name') : undefined;
      if (rightName !== undefined)
        this.exportedBindings.set(exportName, { scope, name: rightName });
      else this.exportedBindings.delete(exportName);
    }
    if (value.fn?.name === '' && name !== undefined) value.fn.name = name;

    const keyTaint = taintFor(key?.taint, 'prototype');
    if (keyTaint && !object.nullProto) {
      const right = node.type === 'AssignmentExpression' ? child(node, 'right') : undefined;
      const fixedValue = !deepTaint(value) && !(right && buildsObject(right));
      const sink: SinkHit = {
        ...this.sinkHit('prototype', node, `${this.snippet(target)} = …`),
        ...(fixedValue && { fixedValue }),
      };
      if (object.protoKey) this.reachSink(sink, joinTaint(keyTaint, object.protoKey));
      else if (object.paramOf) this.writeIntoParameter(object.paramOf, sink, keyTaint);
    }
    // `this.x = v`, `self.options.path = v`: the class's shared view of its instances
    if (object.instance && name !== undefined) this.writeField(object.instance, [name], value);
    else if (path && path.length >= 3) {
      const root = path[0] === 'this' ? scope.lookup('this') : scope.lookup(path[0] ?? '');
      if (root?.instance) this.writeField(root.instance, path.slice(1), value);
    }
    // `Ctor.prototype = { method() {…} }`
    if (name === 'prototype' && object.fn) {
      const info = this.classOf(object.fn);
      for (const [method, member] of value.props ?? []) {
        info.methods.set(method, member);
        if (member.fn) member.fn.owner = info;
      }
    }
    // `Ctor.prototype.method = function …`: methods of an exported constructor are entry points
    const ownerNode = objectNode ? unwrap(objectNode) : undefined;
    const owner = ownerNode?.type === 'MemberExpression' ? child(ownerNode, 'object') : undefined;
    if (
      ownerNode &&
      owner?.type === 'Identifier' &&
      memberName(ownerNode) === 'prototype' &&
      name !== undefined &&
      value.fn
    ) {
      const ownerName = stringField(owner, 'name') ?? '';
      const current = scope.lookup(ownerName);
      if (current?.fn) {
        const info = this.classOf(current.fn);
        info.methods.set(name, value);
        value.fn.owner ??= info;
        const props = new Map(current.props);
        const prototype = new Map(props.get('prototype')?.props);
        prototype.set(name, value);
        props.set('prototype', { props: prototype });
        scope.assign(ownerName, { ...current, props }, false);
      }
    }
    // remember `obj.prop = v` on a local object so `obj.prop` reads it back
    if (objectNode?.type === 'Identifier' && name !== undefined) {
      const objectName = stringField(objectNode, 'name') ?? '';
      const current = scope.lookup(objectName);
      if (current && !current.special && !current.moduleRef && !current.importRef) {
        const props = new Map(current.props);
        props.set(name, this.branchDepth > 0 ? joinValues(props.get(name), value) : value);
        scope.assign(objectName, { ...current, props }, false);
      }
    }
    // `items[i] = arguments[i]`: some member of a local array or object now holds the value
    const valueTaint = deepTaint(value);
    if (objectNode?.type === 'Identifier' && name === undefined && valueTaint) {
      const objectName = stringField(objectNode, 'name') ?? '';
      const current = scope.lookup(objectName);
      if (current && !current.special && !current.moduleRef && !current.importRef && !current.fn) {
        scope.assign(
          objectName,
          { ...current, taint: joinTaint(current.taint, valueTaint) },
          false,
        );
      }
    }
  }

  /**
   * `param[key] = v` with a user-controlled key: pollution when the object may be a prototype,
   * that is when the function passes its parameter to itself as `x[key]` (a recursive merge or
   * path setter; the recursion may come later in the body, so the write waits for the end of the
   * run) or, through the summary, when a caller passes such an object.
   */
  private writeIntoParameter(
    param: { fn: FunctionValue; indexes: readonly number[] },
    sink: SinkHit,
    taint: Taint,
  ): void {
    if (recursesWith(param.fn, param.indexes)) {
      this.reachSink(sink, taint);
      return;
    }
    const frame = this.frames.findLast((candidate) => candidate.fn === param.fn);
    frame?.protoWrites.push({ sink, taint, indexes: param.indexes });
  }

  /** At the end of a run: writes into parameters the function turned out to recurse with. */
  private settleProtoWrites(frame: Frame): void {
    const { fn } = frame;
    const pending = frame.protoWrites;
    frame.protoWrites = [];
    for (const write of pending) {
      if (fn && recursesWith(fn, write.indexes)) this.reachSink(write.sink, write.taint);
      else if (frame.summarizing) frame.protoWrites.push(write);
    }
  }

  /**
   * A call of a function that is running (recursion) with arguments read with a user-controlled
   * key: those parameters may be prototypes. Calls by name (`this.merge(…)`, `exports.merge(…)`,
   * `Object.merge(…)` registered elsewhere) count when the callee resolves to nothing else.
   */
  private noteRecursion(name: string | undefined, callee: Value, values: readonly Value[]): void {
    if (!values.some((value) => value.protoKey)) return;
    let fn: FunctionValue | undefined;
    if (callee.fn) {
      fn = this.frames.some((frame) => frame.fn === callee.fn) ? callee.fn : undefined;
    } else if (name !== undefined && !callee.moduleRef && !callee.importRef) {
      fn = this.frames.findLast((frame) => frame.fn?.name === name)?.fn;
    }
    if (!fn) return;
    const positions = (fn.recursesWithProtoKey ??= new Set());
    values.forEach((value, index) => {
      if (value.protoKey) positions.add(index);
    });
  }

  // ─── calls ──────────────────────────────────────────────────────────────

  private evaluateCall(node: Node, scope: Scope): Value {
    const isNew = node.type === 'NewExpression';
    let calleeNode = unwrap(child(node, 'callee') ?? node);
    // `(0, eval)(code)`, `(0, _fs.readFile)(p)`: the last expression is what is called
    if (calleeNode.type === 'SequenceExpression') {
      const expressions = children(calleeNode, 'expressions');
      for (const expression of expressions.slice(0, -1)) this.evaluate(expression, scope);
      const last = expressions[expressions.length - 1];
      if (last) calleeNode = unwrap(last);
    }
    let receiver: Value | undefined;
    let receiverText: string | undefined;
    let name: string | undefined;
    let callee: Value;
    let global = false;
    if (calleeNode.type === 'MemberExpression') {
      const receiverNode = unwrap(child(calleeNode, 'object') ?? calleeNode);
      receiver = this.evaluate(receiverNode, scope);
      name = memberName(calleeNode);
      callee = this.memberOf(receiver, name, undefined, calleeNode);
      receiverText = this.snippet(receiverNode).replace(/\s+/g, '');
      const receiverName = stringField(receiverNode, 'name');
      if (
        receiverName !== undefined &&
        (receiverName === 'window' || receiverName === 'globalThis') &&
        !scope.has(receiverName)
      ) {
        global = true;
      }
    } else if (calleeNode.type === 'Identifier') {
      name = stringField(calleeNode, 'name');
      callee = name === undefined ? UNKNOWN : (scope.lookup(name) ?? UNKNOWN);
      global = name !== undefined && !scope.has(name);
      // `require('shelljs/global')` makes shelljs' commands globals
      if (global && name !== undefined && this.shellGlobals && SHELL_GLOBALS.has(name)) {
        callee = { moduleRef: { module: 'shelljs', path: [name] } };
        global = false;
      }
    } else {
      callee = this.evaluate(calleeNode, scope);
    }
    const args = children(node, 'arguments');
    const values = args.map((argument) => this.evaluate(argument, scope));

    if (global && name === 'require' && args[0]) {
      const specifier = staticString(args[0]);
      if (specifier === 'shelljs/global') this.shellGlobals = true;
      if (specifier !== undefined) return this.moduleValue(specifier, ['default']);
    }
    if (receiver?.fn && (name === 'call' || name === 'apply')) {
      const forwarded = name === 'call' ? values.slice(1) : [tainted(deepTaint(values[1]))];
      this.noteRecursion(undefined, receiver, forwarded);
      return this.callFunction(receiver.fn, forwarded, node);
    }
    // `f.bind(self)` is still `f`; `promisify(exec)`, `Promise.denodeify(exec)`, `pify(fs.readFile)`
    // call the function they wrap
    if (receiver?.fn && name === 'bind') return receiver;
    const wrapped = values[0];
    if (
      name !== undefined &&
      CALLBACK_WRAPPERS.has(name) &&
      (wrapped?.fn !== undefined || wrapped?.moduleRef !== undefined)
    ) {
      return wrapped;
    }
    this.noteRecursion(name, callee, values);

    const site: CallSite = {
      node,
      isNew,
      name,
      receiverText,
      receiver,
      callee,
      global,
      args,
      values,
    };
    const calleeText = memberPath(calleeNode)?.join('.');
    for (const sink of matchCallSinks(site)) {
      const taint = sinkTaint(sink, site);
      if (taint) {
        this.reachSink(
          this.sinkHit(sink.sinkClass, node, `${calleeText ?? name ?? 'call'}(…)`),
          taint,
        );
      }
    }

    this.checkRegexApplication(site, calleeNode);
    const [firstArg] = args;
    if (calleeText === 'Object.create' && firstArg && unwrap(firstArg).type === 'Literal') {
      if (unwrap(firstArg).value === null) return { nullProto: true };
    }
    const executor = values[0]?.fn;
    if (isNew && global && name === 'Promise' && executor) return this.promiseOf(executor);
    if (name !== undefined && /^_*createClass$/.test(name) && values[0]?.fn) {
      this.defineTranspiledMethods(this.classOf(values[0].fn), args[1], scope);
    }
    if (isNew && (callee.classInfo ?? callee.fn)) {
      const info = callee.classInfo ?? (callee.fn ? this.classOf(callee.fn) : undefined);
      if (info) return this.construct(info, callee.fn, values);
    }
    if (calleeNode.type === 'Super') {
      const parent = (scope.lookup('this')?.instance ?? this.frame.fn?.owner)?.parent;
      if (parent) this.construct(parent, undefined, values);
      return UNKNOWN;
    }
    let result = this.callResult(site, scope);
    if (global && name === 'RegExp') {
      const regexes = this.constructedRegex(site);
      if (regexes) result = { ...result, regexes };
    } else if (name === 'join' && receiver?.texts) {
      const separator = values[0] ? values[0].text : ',';
      if (separator !== undefined) result = { ...result, text: receiver.texts.join(separator) };
    }
    const classes = sanitizerClasses(site, calleeText, { declared: this.options.sanitizers });
    if (classes && result.taint) result = { ...result, taint: cleanTaint(result.taint, classes) };
    if (
      callee.moduleRef &&
      /^is[A-Z]/.test(callee.moduleRef.path[callee.moduleRef.path.length - 1] ?? '')
    ) {
      return UNKNOWN;
    }
    return result;
  }

  private callResult(site: CallSite, scope: Scope): Value {
    const { receiver, name, values, callee } = site;
    if (receiver?.special === 'http' && name !== undefined && HTTP_INPUT_METHODS.has(name)) {
      this.runCallbacks(site);
      return this.input(site.node, this.snippet(site.node));
    }
    if (callee.resolver) {
      callee.resolver.value = joinValues(callee.resolver.value, values[0]);
      return UNKNOWN;
    }
    const callbackResult = this.runCallbacks(site);
    if (callbackResult) return callbackResult;
    if (callee.fn) return this.callFunction(callee.fn, values, site.node);
    if (callee.importRef) {
      const summary = this.options.importedSummary?.(
        callee.importRef.specifier,
        callee.importRef.path,
      );
      if (summary) return this.applySummary(summary, values, site.node, site.name ?? 'function');
      return this.options.importedSummary ? UNKNOWN : UNKNOWN;
    }
    const argTaint = joinTaint(...values.map((value) => deepTaint(value)));
    const read = fileRead(callee);
    if (read) {
      // whoever picks the file picks the code in it: `eval(fs.readFileSync(p))` is `require(p)`;
      // for anything else a file's content is the file owner's, not the caller's
      const content = cleanTaint(
        values[0]?.taint,
        ALL.filter((sinkClass) => sinkClass !== 'code'),
      );
      return tainted(
        addStep(content, this.step(site.node, `content of the file read by ${read}()`)),
      );
    }
    if (site.isNew) {
      return name !== undefined && PROPAGATING_CONSTRUCTORS.has(name) && site.global
        ? tainted(deepTaint(values[0]))
        : UNKNOWN;
    }
    if (receiver) {
      if (name !== undefined && NON_PROPAGATING_METHODS.has(name)) return UNKNOWN;
      // a package's function (`estraverse.replace(ast, …)`), not a string method of that name
      if (receiver.moduleRef && callee.moduleRef && !receiver.taint) {
        return IO_MODULES.has(callee.moduleRef.module) ? UNKNOWN : tainted(argTaint);
      }
      if ((name === 'push' || name === 'unshift') && argTaint) {
        this.mutateReceiver(site, scope, argTaint);
      }
      if (name !== undefined && /^(?:replace|replaceAll)$/.test(name)) {
        return tainted(this.replaceResult(site, receiver));
      }
      if (receiver.taint) {
        return tainted(
          name !== undefined && JOINING_METHODS.has(name)
            ? joinTaint(receiver.taint, argTaint)
            : receiver.taint,
        );
      }
      if (name !== undefined && JOINING_METHODS.has(name)) return tainted(argTaint);
      if (callee.moduleRef)
        return IO_MODULES.has(callee.moduleRef.module) ? UNKNOWN : tainted(argTaint);
      const root = (site.receiverText ?? '').split('.')[0] ?? '';
      return PROPAGATING_RECEIVERS.has(root) ? tainted(argTaint) : UNKNOWN;
    }
    if (callee.moduleRef)
      return IO_MODULES.has(callee.moduleRef.module) ? UNKNOWN : tainted(argTaint);
    // an unknown plain function (a global such as decodeURIComponent, a parameter): data passes through
    return tainted(argTaint);
  }

  /** `s.replace(/[\r\n]/g, '')` and friends clean for what the pattern removes. */
  private replaceResult(site: CallSite, receiver: Value): Taint | undefined {
    const taint = joinTaint(receiver.taint, site.values[1]?.taint);
    const [pattern, replacement] = site.args;
    const regex = pattern ? (unwrap(pattern).regex as { pattern?: string } | undefined) : undefined;
    const source = regex?.pattern ?? (pattern ? staticString(pattern) : undefined);
    if (source === undefined) return taint;
    const classes: SinkClass[] = [];
    if (/\\n|\\r|\n|\r/.test(source)) classes.push('log');
    if (/[<>&"]/.test(source) && replacement && /&\w+;|&#/.test(staticString(replacement) ?? '')) {
      classes.push('xss');
    }
    if (staticString(replacement ?? site.node) === '\\$&') classes.push('regex');
    return classes.length > 0 ? cleanTaint(taint, classes) : taint;
  }

  private mutateReceiver(site: CallSite, scope: Scope, taint: Taint): void {
    const callee = unwrap(child(site.node, 'callee') ?? site.node);
    const object = unwrap(child(callee, 'object') ?? callee);
    if (object.type !== 'Identifier') return;
    const name = stringField(object, 'name') ?? '';
    const current = scope.lookup(name);
    if (current) scope.assign(name, joinValues(current, { taint }), false);
  }

  /**
   * Analyses the functions passed to a call with what the callee will give them: requests for
   * route handlers, the element for array callbacks, the resolved value for `then`, the event for
   * `message` listeners. Returns the call's value when it is the callback's (`then`, `map`).
   */
  private runCallbacks(site: CallSite): Value | undefined {
    const { name, receiver, values, args } = site;
    let result: Value | undefined;
    const callbacks: { fn: FunctionValue; index: number }[] = [];
    values.forEach((value, index) => {
      if (value.fn) callbacks.push({ fn: value.fn, index });
      const handler = value.props?.get('handler')?.fn;
      if (handler) callbacks.push({ fn: handler, index });
    });
    if (callbacks.length === 0) return undefined;
    const event = args[0] ? staticString(args[0]) : undefined;
    const module = site.callee.moduleRef?.module;
    for (const { fn, index } of callbacks) {
      // a function that passes itself on as a callback (`setImmediate(again, …)`, async
      // recursion) is already being analysed: running it again only multiplies the work
      if (this.frames.some((frame) => frame.fn === fn)) continue;
      const params = children(fn.node, 'params');
      const iteration = iterationOf(site, index);
      let given: Value[];
      if (name === 'then' && receiver) {
        given = [receiver];
      } else if (iteration) {
        const element = tainted(deepTaint(iteration.collection));
        // helpers (`forOwn(obj, (value, key) => …)`, `$.each(obj, (key, value) => …)`) pass
        // keys too; array methods pass an index
        const more = iteration.helper ? [element, iteration.collection] : [];
        given = iteration.accumulator
          ? [iteration.accumulator, element, ...more]
          : [element, ...more];
      } else if (
        event === 'message' &&
        name !== undefined &&
        /^(?:addEventListener|on|once)$/.test(name)
      ) {
        given = [{ special: 'messageEvent' }];
      } else if (name !== undefined && receiver && ROUTE_METHODS.has(name) && !site.callee.fn) {
        given = params.map((param) =>
          /^(?:next|done)$/.test(patternName(param)) ? UNKNOWN : { special: 'http' },
        );
      } else if (
        name !== undefined &&
        index > 0 &&
        COLLECTION_HELPERS.has(name) &&
        values[0] &&
        !values[0].fn
      ) {
        // `_.each(list, fn)`, `async.eachSeries(files, fn)`: the elements of the first argument
        const element = tainted(deepTaint(values[0]));
        given = /^(?:reduce|foldl|inject)/.test(name)
          ? [values[index + 1] ?? UNKNOWN, element]
          : [element];
      } else if (module !== undefined && !IO_MODULES.has(module) && !site.isNew) {
        // a package's higher-order function hands its callback what it was given
        const data = tainted(
          joinTaint(...values.map((value, i) => (i === index ? undefined : deepTaint(value)))),
        );
        given = params.map((param) =>
          /^(?:err|error|e|next|done|cb|callback)$/.test(patternName(param)) ? UNKNOWN : data,
        );
      } else {
        given = this.defaultArguments(fn);
      }
      let returned: Value;
      if (iteration) {
        // an iteration callback is a loop body: twice, so what it assigns to variables it
        // closes over (`obj = obj[key]` in a `forEach`) reaches the uses before; a reducer's
        // result is its accumulator the next time (`path.reduce((o, k) => o[k], obj)`)
        returned = UNKNOWN;
        this.inBranch(() => {
          for (let round = 0; round < 2; round++) {
            const once = this.runFunction(fn, given, false, iteration.thisArg);
            returned = joinValues(returned, once);
            const [accumulator, ...rest] = given;
            if (iteration.accumulator) given = [joinValues(accumulator, once), ...rest];
          }
        });
      } else {
        returned = this.runFunction(fn, given, false);
      }
      if (name === 'then' || name === 'map' || name === 'flatMap') {
        result = joinValues(result, returned);
      }
      if (iteration?.accumulator) {
        result = joinValues(result, joinValues(returned, tainted(receiver?.taint)));
      }
    }
    if (name !== undefined && receiver && /^(?:filter|find|sort)$/.test(name)) {
      return tainted(deepTaint(receiver));
    }
    return result;
  }

  /**
   * Babel's `_createClass(C, [{ key: 'run', value: function run() {…} }])` puts methods on the
   * prototype of a transpiled class.
   */
  private defineTranspiledMethods(info: ClassInfo, list: Node | undefined, scope: Scope): void {
    const array = list ? unwrap(list) : undefined;
    if (array?.type !== 'ArrayExpression') return;
    for (const element of children(array, 'elements')) {
      const inner = unwrap(element);
      const key = literalProperty(inner, 'key');
      if (inner.type !== 'ObjectExpression' || typeof key !== 'string') continue;
      const method = this.evaluate(inner, scope).props?.get('value');
      if (!method?.fn) continue;
      method.fn.owner = info;
      info.methods.set(key, method);
    }
  }

  /** `new Promise((resolve) => …)`: the promise holds what the executor passes to `resolve`. */
  private promiseOf(executor: FunctionValue): Value {
    if (this.frames.some((frame) => frame.fn === executor)) return UNKNOWN;
    const resolved: { value: Value } = { value: UNKNOWN };
    this.runFunction(executor, [{ resolver: resolved }, UNKNOWN], false);
    return tainted(deepTaint(resolved.value));
  }

  private callFunction(fn: FunctionValue, values: readonly Value[], node: Node): Value {
    const summary = this.summaryOf(fn);
    return this.applySummary(summary, values, node, fn.name || 'function', fn);
  }

  private summaryOf(fn: FunctionValue): FunctionSummary {
    if (fn.summary) return fn.summary;
    if (fn.computing || this.frames.length > MAX_CALL_DEPTH) return EMPTY_SUMMARY;
    fn.computing = true;
    try {
      const params = children(fn.node, 'params');
      const parameter = (node: Node, index: number, rest: boolean, label: string): Value => ({
        taint: [
          {
            origin: { kind: 'param', index, owner: fn, ...(rest && { rest }) },
            steps: [this.step(node, `${label} of ${fn.name || 'function'}`)],
            cleanFor: new Set(),
          },
        ],
      });
      const args = params.map((param, index): Value => {
        const name = patternName(param);
        if (HTTP_PARAMETER_NAMES.has(name)) return { special: 'http' };
        return parameter(param, index, param.type === 'RestElement', `parameter ${name}`);
      });
      // the arguments beyond the declared parameters, read through `arguments`
      if (hasOwnArguments(fn.node)) {
        args.push(parameter(fn.node, params.length, true, 'arguments'));
      }
      const frame = this.runFrame(fn, args, true);
      const returned = frame.returnValue;
      const shape = structureOf(returned);
      fn.summary = returned?.props
        ? {
            returns: returned.taint,
            returnProps: new Map(
              [...returned.props].map(([key, value]) => [key, deepTaint(value)]),
            ),
            sinks: frame.sinks,
            protoWrites: frame.protoWrites,
          }
        : { returns: deepTaint(returned), sinks: frame.sinks, protoWrites: frame.protoWrites };
      if (shape) fn.summary.shape = shape;
      // a factory (`const step = makeStep(true)`): the function it returns, to run as a callback
      if (returned?.fn) fn.summary = { ...fn.summary, returnsFunction: returned.fn };
      // a path walker (`get(obj, path)` returning `obj[a][b]`): what it returns may be a prototype
      if (returned?.protoKey) fn.summary = { ...fn.summary, returnsProtoKey: returned.protoKey };
      return fn.summary;
    } finally {
      fn.computing = false;
    }
  }

  /** Runs a function body with the given arguments; returns what it returns. */
  private runFunction(
    fn: FunctionValue,
    args: readonly Value[],
    summarizing: boolean,
    thisValue?: Value,
  ): Value {
    if (this.frames.length > MAX_CALL_DEPTH) return UNKNOWN;
    return this.runFrame(fn, args, summarizing, thisValue).returnValue ?? UNKNOWN;
  }

  private runFrame(
    fn: FunctionValue,
    args: readonly Value[],
    summarizing: boolean,
    thisValue?: Value,
  ): Frame {
    fn.analyzed = true;
    const scope = new Scope(fn.scope, true);
    const params = children(fn.node, 'params');
    params.forEach((param, index) => {
      const given =
        param.type === 'RestElement'
          ? argumentList(fn, args.slice(index), index)
          : (args[index] ?? UNKNOWN);
      // a callback given its caller's parameter (a reducer's `obj`) writes into that parameter
      const paramOf = given.paramOf ?? { fn, indexes: [index] };
      this.bindPattern(param, { ...given, paramOf }, scope, 'declare');
    });
    let argumentsValue: Value | undefined;
    if (fn.node.type !== 'ArrowFunctionExpression') {
      if (hasOwnArguments(fn.node)) {
        // while summarising, `arguments` as a whole (or `arguments[i]`) is any argument
        const any: Taint | undefined = summarizing
          ? [
              {
                origin: { kind: 'param', index: -1, owner: fn },
                steps: [this.step(fn.node, `arguments of ${fn.name || 'function'}`)],
                cleanFor: new Set(),
              },
            ]
          : undefined;
        argumentsValue = argumentList(fn, args, 0, any);
        scope.declare('arguments', argumentsValue);
      }
      const self = thisValue ?? (fn.owner && { instance: fn.owner });
      if (self) scope.declare('this', self);
    }
    const frame: Frame = {
      fn,
      summarizing,
      sinks: [],
      returnValue: undefined,
      protoWrites: [],
      ...(argumentsValue && { argumentsValue }),
    };
    this.frames.push(frame);
    const savedBranch = this.branchDepth;
    this.branchDepth = 0;
    try {
      const body = child(fn.node, 'body');
      if (!body) return frame;
      if (body.type === 'BlockStatement' || body.type === 'FunctionBody') {
        this.executeBlock(children(body, 'body'), scope);
      } else {
        frame.returnValue = this.evaluate(body, scope);
      }
      this.settleProtoWrites(frame);
      return frame;
    } finally {
      this.branchDepth = savedBranch;
      this.frames.pop();
    }
  }

  /** Applies a summary at a call: arguments' traces continue through the callee. */
  private applySummary(
    summary: FunctionSummary,
    values: readonly Value[],
    node: Node,
    name: string,
    /** The function summarised; `undefined` for another module's export (all its own). */
    callee?: FunctionValue,
  ): Value {
    const callStep = this.step(node, `passed to ${name}()`);
    const substitute = (taint: Taint | undefined): Taint | undefined => {
      if (!taint) return undefined;
      const out: Trace[] = [];
      for (const trace of taint) {
        if (
          trace.origin.kind === 'input' ||
          (callee !== undefined && trace.origin.owner !== callee)
        ) {
          out.push(trace);
          continue;
        }
        const { index } = trace.origin;
        // `-1`: any argument; `rest`: every argument from `index` on
        const argument =
          index < 0 || trace.origin.rest === true
            ? joinTaint(...values.slice(Math.max(index, 0)).map((value) => deepTaint(value)))
            : deepTaint(values[index]);
        for (const outer of argument ?? []) {
          out.push({
            origin: outer.origin,
            steps: appendSteps(appendSteps(outer.steps, [callStep]), trace.steps),
            cleanFor: new Set([...outer.cleanFor, ...trace.cleanFor]),
          });
        }
      }
      return joinTaint(out.length > 0 ? out : undefined);
    };
    for (const { sink, taint } of summary.sinks) this.reachSink(sink, substitute(taint));
    for (const write of summary.protoWrites ?? []) {
      const object = joinAll(write.indexes.map((index) => values[index]));
      const taint = substitute(write.taint);
      if (!taint || object.nullProto) continue;
      if (object.protoKey) this.reachSink(write.sink, joinTaint(taint, object.protoKey));
      else if (object.paramOf) this.writeIntoParameter(object.paramOf, write.sink, taint);
    }
    const returnedStep = this.step(node, `returned from ${name}()`);
    const returned = tainted(addStep(substitute(summary.returns), returnedStep));
    const protoKey = substitute(summary.returnsProtoKey);
    const value: Value = {
      ...returned,
      ...(summary.returnsFunction && { fn: summary.returnsFunction }),
      ...(protoKey && { protoKey }),
    };
    if (!summary.returnProps) return joinValues(value, summary.shape);
    const props = new Map<string, Value>();
    for (const [key, taint] of summary.returnProps) {
      props.set(key, tainted(addStep(substitute(taint), returnedStep)));
    }
    return joinValues({ ...value, props }, summary.shape);
  }
}

/** How an iteration calls a callback: what it walks, the accumulator, `this`. */
interface Iteration {
  collection: Value;
  /** A helper (`forOwn(obj, fn)`): the callback gets values and keys. */
  helper: boolean;
  /** A reducer's first accumulator. */
  accumulator?: Value;
  thisArg?: Value;
}

/**
 * `list.forEach(fn, thisArg)` / `list.reduce(fn, initial)` (the callback first) and
 * `forOwn(obj, fn, thisArg)` / `_.reduce(obj, fn, initial)` (the collection first).
 */
function iterationOf(site: CallSite, callbackIndex: number): Iteration | undefined {
  const { name, receiver, values } = site;
  if (name === undefined) return undefined;
  let iteration: Iteration;
  let extra: Value | undefined;
  if (callbackIndex === 0 && receiver && ARRAY_CALLBACKS.has(name)) {
    iteration = { collection: receiver, helper: false };
    extra = values[1];
  } else if (callbackIndex === 1 && values[0] && !values[0].fn && ITERATION_HELPERS.has(name)) {
    iteration = { collection: values[0], helper: true };
    extra = values[2];
  } else {
    return undefined;
  }
  if (/^(?:reduce|reduceRight|transform)$/.test(name)) {
    iteration.accumulator = extra ?? tainted(deepTaint(iteration.collection));
  } else if (extra) {
    iteration.thisArg = extra;
  }
  return iteration;
}

/**
 * `arguments` (from 0) or a rest parameter (from its position): each argument by position, a
 * parameter of the function for the recursive-merge check; the last one also stands for every
 * later position (a summary's arguments beyond the declared ones); all of them for a computed
 * index (or `any`, a trace standing for every argument, while a summary is computed).
 */
function argumentList(
  fn: FunctionValue,
  args: readonly Value[],
  offset: number,
  any?: Taint,
): Value {
  const props = new Map<string, Value>();
  const last = args[args.length - 1];
  for (let index = 0; index < Math.min(args.length + 3, 16); index++) {
    const given = args[index] ?? last;
    if (!given) continue;
    const paramOf = given.paramOf ?? { fn, indexes: [offset + index] };
    props.set(String(index), { ...given, paramOf });
  }
  return { props, ...tainted(any ?? joinTaint(...args.map((value) => deepTaint(value)))) };
}

const ownArgumentsCache = new WeakMap<Node, boolean>();

/** Whether a (non-arrow) function reads its own `arguments`. */
function hasOwnArguments(fn: Node): boolean {
  if (fn.type === 'ArrowFunctionExpression') return false;
  const cached = ownArgumentsCache.get(fn);
  if (cached !== undefined) return cached;
  let found = false;
  const stack: Node[] = [];
  const body = child(fn, 'body');
  if (body) stack.push(body);
  let visited = 0;
  while (stack.length > 0 && !found && visited < 50_000) {
    const node = stack.pop();
    if (!node) break;
    visited++;
    if (node.type === 'Identifier' && node.name === 'arguments') found = true;
    // a nested function's `arguments` are its own; an arrow function's are the outer ones
    if (node.type === 'FunctionDeclaration' || node.type === 'FunctionExpression') continue;
    for (const value of Object.values(node)) {
      if (Array.isArray(value)) {
        for (const item of value) if (isAstNode(item)) stack.push(item);
      } else if (isAstNode(value)) stack.push(value);
    }
  }
  ownArgumentsCache.set(fn, found);
  return found;
}

/** `args[0]` on a value whose members are known by position (`arguments`). */
function numericMember(node: Node, object: Value): string | undefined {
  if (node.computed !== true || !object.props) return undefined;
  const property = child(node, 'property');
  const value = property?.type === 'Literal' ? property.value : undefined;
  if (typeof value !== 'number') return undefined;
  return object.props.has(String(value)) ? String(value) : undefined;
}

function recursesWith(fn: FunctionValue, indexes: readonly number[]): boolean {
  return indexes.some((index) => fn.recursesWithProtoKey?.has(index) === true);
}

function joinAll(values: readonly (Value | undefined)[]): Value {
  let all: Value = UNKNOWN;
  for (const value of values) all = joinValues(all, value);
  return all;
}

/** A value without the traces that come from parameters (a few levels of properties). */
function keepInput(value: Value, depth = 0): Value {
  const taint = value.taint?.filter((trace) => trace.origin.kind === 'input');
  const props =
    value.props && depth < 3
      ? new Map([...value.props].map(([key, inner]) => [key, keepInput(inner, depth + 1)]))
      : undefined;
  const rest: Value = { ...value };
  delete rest.taint;
  delete rest.props;
  return {
    ...rest,
    ...(taint && taint.length > 0 && { taint }),
    ...(props && { props }),
  };
}

/** A value with `value` stored at a path of properties below it. */
function withNested(base: Value | undefined, path: readonly string[], value: Value): Value {
  const [name, ...rest] = path;
  if (name === undefined || path.length > 4) return value;
  const props = new Map(base?.props);
  props.set(name, withNested(props.get(name), rest, value));
  return { ...base, props };
}

/** The class behind a value: an ES class, or a function used as a constructor. */
function classInfoOf(value: Value): ClassInfo | undefined {
  if (value.classInfo) return value.classInfo;
  const owner = value.fn?.owner;
  return owner?.constructorFn === value.fn ? owner : undefined;
}

/** The export a member path writes: `module.exports` → `default`, `exports.f` → `f`. */
function exportNameOf(path: readonly string[] | undefined, scope: Scope): string | undefined {
  if (!path || scope.has(path[0] ?? '')) return undefined;
  if (path[0] === 'module' && path[1] === 'exports') {
    if (path.length === 2) return 'default';
    if (path.length === 3) return path[2];
  }
  if (path[0] === 'exports' && path.length === 2) return path[1];
  return undefined;
}

/**
 * The export an expression is (`exports`, `module.exports`) or assigns on its way
 * (`module.exports = {}`, `exports.Git = function …`): a variable bound to it is an alias whose
 * later properties (`api.run = …`, `Git.prototype.x = …`) are exported too.
 */
function exportAliased(expression: Node, scope: Scope): string | undefined {
  let current = unwrap(expression);
  for (let i = 0; i < 8; i++) {
    if (current.type === 'Identifier') {
      return stringField(current, 'name') === 'exports' && !scope.has('exports')
        ? 'default'
        : undefined;
    }
    if (current.type === 'MemberExpression') return exportNameOf(memberPath(current), scope);
    if (current.type !== 'AssignmentExpression' || current.operator !== '=') return undefined;
    const left = child(current, 'left');
    const name = left ? exportAliased(left, scope) : undefined;
    if (name !== undefined) return name;
    const right = child(current, 'right');
    if (!right) return undefined;
    current = unwrap(right);
  }
  return undefined;
}

const FILE_READS = new Set(['readFile', 'readFileSync']);

/** `fs.readFileSync` and friends: the name of the file-reading function a callee is. */
function fileRead(callee: Value): string | undefined {
  const ref = callee.moduleRef;
  const name = ref?.path[ref.path.length - 1];
  return ref && FILE_MODULES.has(ref.module) && name !== undefined && FILE_READS.has(name)
    ? name
    : undefined;
}

function functionScope(scope: Scope): Scope {
  let current = scope;
  while (!current.isFunction && current.parent) current = current.parent;
  return current;
}

function cleanValue(value: Value, classes: readonly SinkClass[], depth = 0): Value {
  if (value.special === 'messageEvent' && classes.length === ALL.length) return UNKNOWN;
  const props =
    value.props && depth < 3
      ? new Map(
          [...value.props].map(([key, inner]) => [key, cleanValue(inner, classes, depth + 1)]),
        )
      : value.props;
  const taint = cleanTaint(value.taint, classes);
  return { ...value, ...(taint && { taint }), ...(props && { props }) };
}

function patternName(param: Node): string {
  const node = unwrap(param);
  if (node.type === 'Identifier') return stringField(node, 'name') ?? '';
  if (node.type === 'AssignmentPattern' || node.type === 'RestElement') {
    const inner = child(node, node.type === 'RestElement' ? 'argument' : 'left');
    return inner ? patternName(inner) : '';
  }
  if (node.type === 'TSParameterProperty') {
    const inner = child(node, 'parameter');
    return inner ? patternName(inner) : '';
  }
  return '';
}

/** The text of a template literal whose every expression is a constant string. */
function templateText(node: Node, values: readonly Value[]): string | undefined {
  let text = '';
  for (const [index, quasi] of children(node, 'quasis').entries()) {
    const cooked = (quasi.value as { cooked?: unknown } | undefined)?.cooked;
    if (typeof cooked !== 'string') return undefined;
    text += cooked;
    if (index < values.length) {
      const part = values[index]?.text;
      if (part === undefined) return undefined;
      text += part;
    }
  }
  return text;
}

/** The literal text a string expression starts with (`'https://x/' + a`, `` `/p/${a}` ``). */
function leadingText(node: Node): string | undefined {
  let current = unwrap(node);
  for (let i = 0; i < 64; i++) {
    if (current.type === 'BinaryExpression' && current.operator === '+') {
      const left = child(current, 'left');
      if (!left) return undefined;
      current = unwrap(left);
      continue;
    }
    if (current.type === 'TemplateLiteral') {
      const [quasi] = children(current, 'quasis');
      const cooked = (quasi?.value as { cooked?: unknown } | undefined)?.cooked;
      return typeof cooked === 'string' ? cooked : undefined;
    }
    return staticString(current);
  }
  return undefined;
}

const PROTOTYPE_KEYS = ['__proto__', 'constructor', 'prototype'];

/** `{}`, `[]`, `x || {}`, `new Map()`: a write that creates the next level of a path. */
function buildsObject(node: Node): boolean {
  const inner = unwrap(node);
  switch (inner.type) {
    case 'ObjectExpression':
    case 'ArrayExpression':
    case 'NewExpression':
      return true;
    case 'LogicalExpression': {
      const right = child(inner, 'right');
      return right !== undefined && buildsObject(right);
    }
    case 'ConditionalExpression': {
      const consequent = child(inner, 'consequent');
      const alternate = child(inner, 'alternate');
      return (
        (consequent !== undefined && buildsObject(consequent)) ||
        (alternate !== undefined && buildsObject(alternate))
      );
    }
    case 'AssignmentExpression': {
      const right = child(inner, 'right');
      return right !== undefined && buildsObject(right);
    }
    default:
      return false;
  }
}

/** The non-empty literal pieces of a string built with `+` or a template. */
function literalParts(node: Node): string[] {
  const parts: string[] = [];
  const stack = [node];
  let visited = 0;
  while (stack.length > 0 && visited < 200) {
    const current = unwrap(stack.pop() ?? node);
    visited++;
    if (current.type === 'BinaryExpression' && current.operator === '+') {
      const left = child(current, 'left');
      const right = child(current, 'right');
      if (left) stack.push(left);
      if (right) stack.push(right);
    } else if (current.type === 'TemplateLiteral') {
      for (const quasi of children(current, 'quasis')) {
        const cooked = (quasi.value as { cooked?: unknown } | undefined)?.cooked;
        if (typeof cooked === 'string' && cooked !== '') parts.push(cooked);
      }
    } else if (current.type === 'Literal') {
      const { value } = current;
      if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
        if (value !== '') parts.push(String(value));
      }
    }
  }
  return parts;
}

/** Whether an expression's literal parts hold markup (`'<h1>' + name`). */
function containsMarkup(node: Node): boolean {
  const stack = [node];
  let visited = 0;
  while (stack.length > 0 && visited < 1000) {
    const current = unwrap(stack.pop() ?? node);
    visited++;
    if (current.type === 'TemplateLiteral') {
      for (const quasi of children(current, 'quasis')) {
        const raw = (quasi.value as { raw?: unknown } | undefined)?.raw;
        if (typeof raw === 'string' && raw.includes('<')) return true;
      }
      stack.push(...children(current, 'expressions'));
    } else if (current.type === 'BinaryExpression') {
      const left = child(current, 'left');
      const right = child(current, 'right');
      if (left) stack.push(left);
      if (right) stack.push(right);
    } else if (staticString(current)?.includes('<')) {
      return true;
    }
  }
  return false;
}

function isAstNode(value: unknown): value is Node {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { type?: unknown }).type === 'string'
  );
}

/** Exported regular expressions of one export entry: the value itself and its properties. */
function exportedRegexes(name: string, value: Value): [string, readonly KnownRegex[]][] {
  const out: [string, readonly KnownRegex[]][] = [];
  if (value.regexes) out.push([name, value.regexes]);
  for (const [key, inner] of value.props ?? []) {
    if (!inner.regexes) continue;
    out.push([`${name}.${key}`, inner.regexes]);
    if (name === 'default') out.push([key, inner.regexes]);
  }
  return out;
}

/**
 * Exported functions of one export entry: the value itself, its methods a few levels down
 * (`module.exports = { utils: { run } }`), the prototype methods of an exported class and the
 * methods of an exported instance.
 */
function exportedFunctions(name: string, value: Value, depth = 0): [string, FunctionValue][] {
  const out: [string, FunctionValue][] = [];
  if (value.fn) out.push([name, value.fn]);
  const info = value.instance ?? classInfoOf(value);
  for (const [method, member] of info?.methods ?? []) {
    if (member.fn) out.push([`${name}.${value.instance ? '' : 'prototype.'}${method}`, member.fn]);
  }
  for (const [field, member] of value.instance?.fields ?? []) {
    if (member.fn) out.push([`${name}.${field}`, member.fn]);
  }
  for (const [key, inner] of value.props ?? []) {
    if (key === 'prototype' && value.fn) {
      for (const [method, member] of inner.props ?? []) {
        if (member.fn) out.push([`${name}.prototype.${method}`, member.fn]);
      }
    }
    if (!inner.fn) {
      if (inner.props && depth < 2 && key !== 'prototype') {
        out.push(...exportedFunctions(`${name}.${key}`, inner, depth + 1));
      }
      continue;
    }
    out.push([`${name}.${key}`, inner.fn]);
    if (name === 'default') out.push([key, inner.fn]);
  }
  return out;
}

function isConstructor(fn: FunctionValue): boolean {
  return fn.owner?.constructorFn === fn;
}

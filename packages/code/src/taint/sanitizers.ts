import { SINK_CLASSES, type SinkClass } from '../rules/codeRule.js';
import { moduleMember, type CallSite } from './callSite.js';

const ALL: readonly SinkClass[] = SINK_CLASSES;
const HTML: readonly SinkClass[] = ['xss', 'log'];

/** Package functions that clean their input, by module and member (`default` = the module). */
const MODULE_SANITIZERS: Record<string, Record<string, readonly SinkClass[]>> = {
  'escape-html': { default: HTML },
  he: { encode: HTML, escape: HTML },
  dompurify: { sanitize: HTML },
  'isomorphic-dompurify': { sanitize: HTML },
  'sanitize-html': { default: HTML },
  xss: { default: HTML, filterXSS: HTML },
  lodash: { escape: HTML, escapeRegExp: ['regex'], toNumber: ALL, toInteger: ALL },
  'lodash.escaperegexp': { default: ['regex'] },
  'escape-string-regexp': { default: ['regex'] },
  validator: { escape: HTML, toInt: ALL, toFloat: ALL, toBoolean: ALL, toDate: ALL },
  path: { basename: ['path'], extname: ALL },
  'shell-quote': { quote: ['command'] },
  shescape: { quote: ['command'], escape: ['command'] },
  'shell-escape': { default: ['command'] },
  sqlstring: { escape: ['sql'], escapeId: ['sql'], format: ['sql'] },
  mysql: { escape: ['sql'], escapeId: ['sql'], format: ['sql'] },
  mysql2: { escape: ['sql'], escapeId: ['sql'], format: ['sql'] },
  'pg-format': { default: ['sql'] },
  'mongo-sanitize': { default: ['nosql'] },
  'express-mongo-sanitize': { sanitize: ['nosql'] },
  uuid: { validate: ALL },
};

/** Global functions and `Receiver.method`s that clean. */
const GLOBAL_SANITIZERS: Record<string, readonly SinkClass[]> = {
  Number: ALL,
  parseInt: ALL,
  parseFloat: ALL,
  Boolean: ALL,
  isNaN: ALL,
  'Number.parseInt': ALL,
  'Number.parseFloat': ALL,
  'Number.isInteger': ALL,
  'Math.floor': ALL,
  'Math.round': ALL,
  'Math.abs': ALL,
  'Math.max': ALL,
  'Math.min': ALL,
  String: ['nosql'],
  encodeURIComponent: ['xss', 'log', 'path', 'redirect', 'ssrf'],
  encodeURI: ['xss', 'log'],
  'JSON.stringify': ['log'],
  'DOMPurify.sanitize': HTML,
  'validator.escape': HTML,
  'he.encode': HTML,
  'he.escape': HTML,
  '_.escape': HTML,
  '_.escapeRegExp': ['regex'],
  'path.basename': ['path'],
  'connection.escape': ['sql'],
  'pool.escape': ['sql'],
  'db.escape': ['sql'],
  'client.escapeLiteral': ['sql'],
  'client.escapeIdentifier': ['sql'],
};

/** Methods that turn any receiver into something harmless (numbers, booleans). */
const CLEAN_METHODS = new Set([
  'length',
  'includes',
  'indexOf',
  'lastIndexOf',
  'startsWith',
  'endsWith',
  'test',
  'localeCompare',
  'charCodeAt',
  'codePointAt',
  'getTime',
  'valueOf',
  'toFixed',
  'toExponential',
  'toPrecision',
  'has',
  'some',
  'every',
  'findIndex',
  'hasOwnProperty',
]);

/** Names of local helpers whose purpose is plainly to escape or validate for one sink class. */
const NAME_HEURISTICS: readonly [RegExp, readonly SinkClass[]][] = [
  [/^(?:escape|encode|sanitize)_?(?:html|xml|entities|xss)?$/i, HTML],
  [/escape_?reg_?exp|reg_?exp_?escape|escape_?regex/i, ['regex']],
  [/^(?:escape|quote)_?shell|shell_?(?:escape|quote)|^shellEscape$/i, ['command']],
  [/^(?:escape|sanitize)_?(?:sql|identifier|literal)$/i, ['sql']],
  [/^sanitize_?(?:path|filename|file_?name)$/i, ['path']],
];

export interface SanitizerOptions {
  /** User-declared sanitiser names (`code.sanitizers` in vigil.yaml): clean for every class. */
  declared: ReadonlySet<string>;
}

/** The sink classes a call's result is clean for, or undefined when it is no sanitiser. */
export function sanitizerClasses(
  site: CallSite,
  calleeText: string | undefined,
  options: SanitizerOptions,
): readonly SinkClass[] | undefined {
  if (calleeText !== undefined && options.declared.has(calleeText)) return ALL;
  if (site.name !== undefined && options.declared.has(site.name)) return ALL;
  const member = moduleMember(site);
  if (member) {
    const classes = MODULE_SANITIZERS[member.module]?.[member.member];
    if (classes) return classes;
  }
  if (calleeText !== undefined && (site.global || site.receiverText !== undefined)) {
    const classes = GLOBAL_SANITIZERS[calleeText];
    if (classes) return classes;
  }
  if (site.receiverText !== undefined && site.name !== undefined && CLEAN_METHODS.has(site.name)) {
    return ALL;
  }
  if (site.name !== undefined && !site.callee.moduleRef) {
    for (const [pattern, classes] of NAME_HEURISTICS) if (pattern.test(site.name)) return classes;
  }
  return undefined;
}

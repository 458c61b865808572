import { staticString, unwrap, type Node } from '../ast.js';
import type { SinkClass } from '../rules/codeRule.js';
import { moduleMember, type CallSite } from './callSite.js';
import { joinTaint, type Taint } from './taint.js';
import { deepTaint, type Value } from './value.js';

/** A family of calls that are sinks of one class, and which of their inputs reach the sink. */
export interface CallSink {
  sinkClass: SinkClass;
  /** Package functions: module names and member names (`default` is the module itself). */
  modules?: readonly string[];
  functions?: readonly string[];
  /** Methods on any receiver, optionally only on receivers whose text matches. */
  methods?: readonly string[];
  receiver?: RegExp;
  /** Functions called by a name the file does not bind (`eval`, `fetch`). */
  globals?: readonly string[];
  /** The taint that reaches the sink; by default the first argument's. */
  reach?: (site: CallSite) => Taint | undefined;
}

const first = (site: CallSite): Taint | undefined => site.values[0]?.taint;
const firstDeep = (site: CallSite): Taint | undefined => deepTaint(site.values[0]);
const allArgs = (site: CallSite): Taint | undefined =>
  joinTaint(...site.values.map((value) => value.taint));
const laterArgsDeep = (site: CallSite): Taint | undefined =>
  joinTaint(...site.values.slice(1).map((value) => deepTaint(value)));

function objectArg(site: CallSite, index: number): Node | undefined {
  const node = site.args[index];
  if (!node) return undefined;
  const inner = unwrap(node);
  return inner.type === 'ObjectExpression' ? inner : undefined;
}

/** The value of a literal property `key: …` of an object literal. */
export function literalProperty(object: Node | undefined, key: string): unknown {
  if (!object) return undefined;
  for (const property of (object.properties as Node[] | undefined) ?? []) {
    if (property.type !== 'Property') continue;
    const keyNode = property.key as Node | undefined;
    const name =
      keyNode?.type === 'Identifier' ? keyNode.name : keyNode ? staticString(keyNode) : undefined;
    if (name !== key) continue;
    const value = unwrap(property.value as Node);
    if (value.type === 'Literal') return value.value;
    return value.type === 'MemberExpression' || value.type === 'Identifier'
      ? { expression: value }
      : undefined;
  }
  return undefined;
}

function hasKey(site: CallSite, key: string): boolean {
  return site.args.some((_, index) =>
    ((objectArg(site, index)?.properties as Node[] | undefined) ?? []).some(
      (property) =>
        property.type === 'Property' &&
        ((property.key as Node | undefined)?.name === key ||
          staticString(property.key as Node) === key),
    ),
  );
}

function hasOption(site: CallSite, key: string, value: unknown): boolean {
  return site.args.some((_, index) => literalProperty(objectArg(site, index), key) === value);
}

/** URL-like inputs of HTTP clients: a URL string, or the `url`/`host` fields of an options object. */
function requestTarget(value: Value | undefined): Taint | undefined {
  if (!value) return undefined;
  if (!value.props) return value.taint;
  return joinTaint(
    value.taint,
    ...['url', 'uri', 'host', 'hostname', 'baseURL', 'baseUrl', 'origin'].map(
      (key) => value.props?.get(key)?.taint,
    ),
  );
}

const DB_RECEIVER =
  /(?:^|[._])(?:db|database|sqlite|sql|conn|connection|pool|client|knex|sequelize|prisma|manager|repo|repository|datasource|dataSource|queryRunner|tx|trx|transaction|stmt)\w*$/i;
const RESPONSE_RECEIVER = /(?:^|\.)(?:res|response)$/;
const LOG_RECEIVER = /(?:^|\.)(?:console|logger|log|winston|pino|bunyan)$/i;

const FS_FUNCTIONS = [
  'readFile',
  'readFileSync',
  'writeFile',
  'writeFileSync',
  'appendFile',
  'appendFileSync',
  'createReadStream',
  'createWriteStream',
  'unlink',
  'unlinkSync',
  'rm',
  'rmSync',
  'rmdir',
  'rmdirSync',
  'readdir',
  'readdirSync',
  'stat',
  'statSync',
  'lstat',
  'lstatSync',
  'open',
  'openSync',
  'access',
  'accessSync',
  'exists',
  'existsSync',
  'mkdir',
  'mkdirSync',
  'readlink',
  'readlinkSync',
  'truncate',
  'truncateSync',
  'chmod',
  'chmodSync',
  'outputFile',
  'outputFileSync',
  'remove',
  'removeSync',
  'readJson',
  'readJsonSync',
  'writeJson',
  'writeJsonSync',
  'ensureDir',
  'pathExists',
];
const FS_TWO_PATHS = [
  'copyFile',
  'copyFileSync',
  'rename',
  'renameSync',
  'copy',
  'copySync',
  'move',
];

/** Every call sink, by class. Member assignments, JSX and computed writes are in the engine. */
export const CALL_SINKS: readonly CallSink[] = [
  // SQL: the query text (values passed separately with placeholders are not arguments 0)
  {
    sinkClass: 'sql',
    methods: [
      'query',
      '$queryRawUnsafe',
      '$executeRawUnsafe',
      'raw',
      'whereRaw',
      'havingRaw',
      'orderByRaw',
      'joinRaw',
      'groupByRaw',
    ],
  },
  {
    sinkClass: 'sql',
    methods: ['exec', 'prepare', 'run', 'all', 'get', 'each', 'execute'],
    receiver: DB_RECEIVER,
  },
  // NoSQL: query objects built from input (`{ $ne: null }` passes where a string was expected)
  {
    sinkClass: 'nosql',
    methods: [
      'find',
      'findOne',
      'findOneAndUpdate',
      'findOneAndDelete',
      'findOneAndReplace',
      'findOneAndRemove',
      'updateOne',
      'updateMany',
      'update',
      'deleteOne',
      'deleteMany',
      'remove',
      'replaceOne',
      'countDocuments',
      'count',
      'where',
    ],
    receiver: /^(?!_$|lodash$|R$|Array$)/,
    reach: (site) => (site.values[0]?.fn ? undefined : firstDeep(site)),
  },
  // OS commands
  {
    sinkClass: 'command',
    modules: ['child_process', 'shelljs'],
    functions: ['exec', 'execSync'],
  },
  {
    sinkClass: 'command',
    modules: ['child_process', 'cross-spawn'],
    functions: ['spawn', 'spawnSync', 'execFile', 'execFileSync', 'default', 'sync'],
    reach: (site) =>
      joinTaint(
        first(site),
        hasOption(site, 'shell', true) ? deepTaint(site.values[1]) : undefined,
      ),
  },
  {
    sinkClass: 'command',
    modules: ['execa'],
    functions: ['command', 'commandSync', 'execaCommand', 'execaCommandSync'],
  },
  // Paths
  { sinkClass: 'path', modules: ['fs', 'fs-extra', 'graceful-fs'], functions: FS_FUNCTIONS },
  {
    sinkClass: 'path',
    modules: ['fs', 'fs-extra', 'graceful-fs'],
    functions: FS_TWO_PATHS,
    reach: (site) => joinTaint(first(site), site.values[1]?.taint),
  },
  {
    sinkClass: 'path',
    methods: ['sendFile', 'sendfile', 'download'],
    receiver: /(?:^|\.)(?:res|response|reply)$/,
    // `{ root }` makes `send` refuse paths that leave the root
    reach: (site) => (hasKey(site, 'root') ? undefined : first(site)),
  },
  // XSS
  {
    sinkClass: 'xss',
    methods: ['send', 'write', 'end'],
    receiver: RESPONSE_RECEIVER,
    reach: (site) => {
      const node = site.args[0];
      if (!node || unwrap(node).type === 'ObjectExpression') return undefined;
      return first(site);
    },
  },
  { sinkClass: 'xss', methods: ['html'], receiver: /(?:^c|\))$/ },
  { sinkClass: 'xss', methods: ['write', 'writeln'], receiver: /(?:^|\.)document$/ },
  {
    sinkClass: 'xss',
    methods: ['insertAdjacentHTML'],
    reach: (site) => site.values[1]?.taint,
  },
  {
    sinkClass: 'xss',
    methods: [
      'bypassSecurityTrustHtml',
      'bypassSecurityTrustScript',
      'bypassSecurityTrustStyle',
      'bypassSecurityTrustUrl',
      'bypassSecurityTrustResourceUrl',
    ],
  },
  // Code
  { sinkClass: 'code', globals: ['eval', 'Function'], reach: allArgs },
  {
    sinkClass: 'code',
    globals: ['setTimeout', 'setInterval', 'setImmediate'],
    reach: (site) => (site.values[0]?.fn ? undefined : first(site)),
  },
  {
    sinkClass: 'code',
    modules: ['vm'],
    functions: ['runInNewContext', 'runInThisContext', 'runInContext', 'compileFunction', 'Script'],
  },
  // SSRF
  {
    sinkClass: 'ssrf',
    globals: ['fetch'],
    reach: (site) => requestTarget(site.values[0]),
  },
  {
    sinkClass: 'ssrf',
    modules: [
      'axios',
      'got',
      'node-fetch',
      'request',
      'needle',
      'superagent',
      'undici',
      'http',
      'https',
    ],
    functions: [
      'default',
      'get',
      'post',
      'put',
      'patch',
      'delete',
      'head',
      'request',
      'fetch',
      'stream',
    ],
    reach: (site) => requestTarget(site.values[0]),
  },
  // Redirects
  {
    sinkClass: 'redirect',
    methods: ['redirect'],
    receiver: /(?:^|\.)(?:res|response|reply|ctx|context|c)$/,
    reach: (site) => site.values[site.values.length - 1]?.taint,
  },
  { sinkClass: 'redirect', methods: ['assign', 'replace'], receiver: /(?:^|\.)location$/ },
  // ReDoS
  { sinkClass: 'regex', globals: ['RegExp'] },
  // Prototype pollution through deep-merge helpers
  {
    sinkClass: 'prototype',
    modules: [
      'lodash',
      'lodash.merge',
      'lodash.mergewith',
      'lodash.defaultsdeep',
      'merge',
      'deep-extend',
      'mixin-deep',
      'defaults-deep',
    ],
    functions: ['merge', 'mergeWith', 'defaultsDeep', 'default', 'recursive'],
    reach: laterArgsDeep,
  },
  {
    sinkClass: 'prototype',
    modules: ['lodash', 'lodash.set', 'lodash.setwith', 'set-value', 'dot-prop', 'object-path'],
    functions: ['set', 'setWith', 'zipObjectDeep', 'default'],
    reach: (site) => site.values[1]?.taint,
  },
  {
    sinkClass: 'prototype',
    methods: ['merge', 'mergeWith', 'defaultsDeep'],
    receiver: /^(?:_|lodash)$/,
    reach: laterArgsDeep,
  },
  {
    sinkClass: 'prototype',
    methods: ['set', 'setWith'],
    receiver: /^(?:_|lodash)$/,
    reach: (site) => site.values[1]?.taint,
  },
  {
    sinkClass: 'prototype',
    methods: ['extend'],
    receiver: /^(?:\$|jQuery)$/,
    reach: (site) => (staticBoolean(site.args[0]) === true ? laterArgsDeep(site) : undefined),
  },
  // Deserialisation
  {
    sinkClass: 'deserialization',
    modules: ['node-serialize', 'serialize-to-js'],
    functions: ['unserialize', 'deserialize'],
  },
  { sinkClass: 'deserialization', modules: ['js-yaml'], functions: ['unsafeLoad'] },
  {
    sinkClass: 'deserialization',
    modules: ['js-yaml'],
    functions: ['load', 'loadAll'],
    reach: (site) => (unsafeYamlSchema(site) ? first(site) : undefined),
  },
  // XXE
  {
    sinkClass: 'xxe',
    modules: ['libxmljs', 'libxmljs2'],
    functions: ['parseXml', 'parseXmlString', 'parseXmlAsync'],
    reach: (site) => (hasOption(site, 'noent', true) ? first(site) : undefined),
  },
  // Log injection: strings only; structured loggers serialise objects
  {
    sinkClass: 'log',
    methods: ['log', 'info', 'warn', 'error', 'debug', 'trace', 'fatal'],
    receiver: LOG_RECEIVER,
    reach: (site) =>
      joinTaint(
        ...site.args.map((node, index) =>
          unwrap(node).type === 'ObjectExpression' ? undefined : site.values[index]?.taint,
        ),
      ),
  },
];

function staticBoolean(node: Node | undefined): boolean | undefined {
  if (!node) return undefined;
  const inner = unwrap(node);
  return inner.type === 'Literal' && typeof inner.value === 'boolean' ? inner.value : undefined;
}

function unsafeYamlSchema(site: CallSite): boolean {
  const options = objectArg(site, 1);
  const schema = literalProperty(options, 'schema');
  if (typeof schema !== 'object' || schema === null) return false;
  const expression = (schema as { expression: Node }).expression;
  const name =
    expression.type === 'Identifier'
      ? (expression.name as string)
      : ((expression.property as Node | undefined)?.name as string | undefined);
  return name !== undefined && /FULL|UNSAFE/i.test(name);
}

/** The sinks a call matches. */
export function matchCallSinks(site: CallSite): CallSink[] {
  const member = moduleMember(site);
  return CALL_SINKS.filter((sink) => {
    if (sink.modules) {
      return (
        member !== undefined &&
        sink.modules.includes(member.module) &&
        (sink.functions ?? ['default']).includes(member.member)
      );
    }
    if (sink.globals)
      return site.global && site.name !== undefined && sink.globals.includes(site.name);
    if (sink.methods) {
      if (site.receiverText === undefined || site.name === undefined) return false;
      if (site.callee.fn) return false;
      return (
        sink.methods.includes(site.name) &&
        (sink.receiver === undefined || sink.receiver.test(site.receiverText))
      );
    }
    return false;
  });
}

export function sinkTaint(sink: CallSink, site: CallSite): Taint | undefined {
  return (sink.reach ?? first)(site);
}

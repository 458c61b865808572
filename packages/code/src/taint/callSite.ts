import type { Node } from '../ast.js';
import type { Value } from './value.js';

/** A call (or `new`) as the sink, source and sanitiser tables see it. */
export interface CallSite {
  node: Node;
  isNew: boolean;
  /** The callee's last name: `query` for `db.query(…)`, `exec` for `exec(…)`. */
  name: string | undefined;
  /** Source text of the receiver of a method call (`db`, `this.pool`), whitespace removed. */
  receiverText: string | undefined;
  receiver: Value | undefined;
  /** What the callee resolved to (a package member, a local function, …). */
  callee: Value;
  /** The callee is a plain name not bound in the file (`eval`, `fetch`) or `window.<name>`. */
  global: boolean;
  args: readonly Node[];
  values: readonly Value[];
}

/** Drop-in (promise) versions of core modules: the same functions under another name. */
const CORE_MODULE_ALIASES: Readonly<Record<string, string>> = {
  'fs/promises': 'fs',
  'mz/fs': 'fs',
  'mz/child_process': 'child_process',
  'child-process-promise': 'child_process',
  'promisify-child-process': 'child_process',
  'child-process-async': 'child_process',
};

/** `child_process` for `node:child_process`, `fs` for `fs/promises`, as sink tables name modules. */
export function normalizeModule(specifier: string): string {
  const name = specifier.startsWith('node:') ? specifier.slice(5) : specifier;
  return CORE_MODULE_ALIASES[name] ?? name;
}

/** The member a package-function call resolves to: `exec` for `child_process.exec`, else `default`. */
export function moduleMember(site: CallSite): { module: string; member: string } | undefined {
  const ref = site.callee.moduleRef;
  if (!ref) return undefined;
  return { module: ref.module, member: ref.path[ref.path.length - 1] ?? 'default' };
}

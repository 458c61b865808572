import type { PackageSource } from './inventoryPackage.js';

/** One `yarn.lock` entry, v1 or berry, reduced to what the inventory needs. */
export interface YarnEntry {
  /** The descriptors of the header (`name@range`), each resolving to this entry. */
  specs: string[];
  name: string;
  version: string;
  source: PackageSource;
  line: number;
  /** Declared dependencies as descriptors, in the same `name@range` form as `specs`. */
  dependencies: string[];
  /** `workspace:.` (the project itself), another workspace, or neither. */
  workspace: 'root' | 'member' | undefined;
}

/** Splits `name@range` (the name may be scoped) at the `@` that ends the name. */
export function splitDescriptor(descriptor: string): { name: string; range: string } {
  const at = descriptor.indexOf('@', 1);
  return at < 0
    ? { name: descriptor, range: '' }
    : { name: descriptor.slice(0, at), range: descriptor.slice(at + 1) };
}

const GIT_RANGE = /^(?:git\+|git:|github:|gitlab:|bitbucket:|[\w.-]+\/[\w.-]+(?:#.*)?$)/;

/** Classifies a dependency range or resolution reference (`file:..`, `github:..`, `npm:1.0.0`). */
export function yarnSource(range: string, resolved?: string): PackageSource {
  if (/^(?:file:|link:|portal:|workspace:)/.test(range)) return 'local';
  if (range.startsWith('patch:')) {
    const inner = splitDescriptor(decodeURIComponent(range.slice(6).split('#')[0] ?? ''));
    return yarnSource(inner.range, resolved);
  }
  if (GIT_RANGE.test(range) || /\.git(?:#|$)|#commit[=:]/.test(range)) return 'git';
  if (/^https?:/.test(range)) return 'url';
  if (resolved !== undefined && /^(?:git\+|git:)/.test(resolved)) return 'git';
  return 'registry';
}

import { posix } from 'node:path';

export type LockfileKind =
  | 'package-lock'
  | 'yarn-lock'
  | 'pnpm-lock'
  | 'bun-lock'
  | 'requirements'
  | 'pipfile-lock'
  | 'poetry-lock'
  | 'uv-lock'
  | 'pdm-lock'
  | 'go-mod'
  | 'cargo-lock'
  | 'gemfile-lock'
  | 'composer-lock'
  | 'nuget-lock'
  | 'gradle-lockfile'
  | 'pubspec-lock'
  | 'mix-lock';

const BY_NAME: Readonly<Record<string, LockfileKind>> = {
  'package-lock.json': 'package-lock',
  'npm-shrinkwrap.json': 'package-lock',
  'yarn.lock': 'yarn-lock',
  'pnpm-lock.yaml': 'pnpm-lock',
  'bun.lock': 'bun-lock',
  'Pipfile.lock': 'pipfile-lock',
  'poetry.lock': 'poetry-lock',
  'uv.lock': 'uv-lock',
  'pdm.lock': 'pdm-lock',
  'go.mod': 'go-mod',
  'Cargo.lock': 'cargo-lock',
  'Gemfile.lock': 'gemfile-lock',
  'gems.locked': 'gemfile-lock',
  'composer.lock': 'composer-lock',
  'packages.lock.json': 'nuget-lock',
  'gradle.lockfile': 'gradle-lockfile',
  'pubspec.lock': 'pubspec-lock',
  'mix.lock': 'mix-lock',
};

/**
 * Which lockfile format a root-relative path holds, by its name: `requirements*.txt` and
 * `.txt` files in a `requirements/` directory are pip requirements; Gradle's per-configuration
 * lockfiles live in `gradle/dependency-locks/`. npm lockfiles inside `node_modules` are the
 * hidden lockfile npm keeps for itself, not the project's.
 *
 * @example lockfileKindOf('web/package-lock.json') // 'package-lock'
 */
export function lockfileKindOf(path: string): LockfileKind | undefined {
  if (/(^|\/)node_modules\//.test(path)) return undefined;
  const name = posix.basename(path);
  const known = BY_NAME[name];
  if (known !== undefined && Object.hasOwn(BY_NAME, name)) return known;
  if (/^requirements.*\.txt$/i.test(name) || /(^|\/)requirements\/[^/]+\.txt$/i.test(path))
    return 'requirements';
  if (/(^|\/)gradle\/dependency-locks\/[^/]+\.lockfile$/.test(path)) return 'gradle-lockfile';
  return undefined;
}

/** Which inventory parser reads a file. */
export type LockfileKind =
  | 'npm-package-lock'
  | 'yarn-lock'
  | 'pnpm-lock'
  | 'bun-lock'
  | 'requirements-txt'
  | 'pipfile-lock'
  | 'poetry-lock'
  | 'uv-lock'
  | 'pdm-lock'
  | 'go-mod'
  | 'cargo-lock'
  | 'gemfile-lock'
  | 'composer-lock'
  | 'nuget-packages-lock'
  | 'gradle-lockfile'
  | 'pom-xml'
  | 'pubspec-lock'
  | 'mix-lock';

/** Exact file names (case-sensitive, as the tools write them) and the kind each one is. */
const BY_NAME: ReadonlyMap<string, LockfileKind> = new Map([
  ['package-lock.json', 'npm-package-lock'],
  ['npm-shrinkwrap.json', 'npm-package-lock'],
  ['yarn.lock', 'yarn-lock'],
  ['pnpm-lock.yaml', 'pnpm-lock'],
  ['bun.lock', 'bun-lock'],
  ['Pipfile.lock', 'pipfile-lock'],
  ['poetry.lock', 'poetry-lock'],
  ['uv.lock', 'uv-lock'],
  ['pdm.lock', 'pdm-lock'],
  ['go.mod', 'go-mod'],
  ['Cargo.lock', 'cargo-lock'],
  ['Gemfile.lock', 'gemfile-lock'],
  ['gems.locked', 'gemfile-lock'],
  ['composer.lock', 'composer-lock'],
  ['packages.lock.json', 'nuget-packages-lock'],
  ['gradle.lockfile', 'gradle-lockfile'],
  ['pom.xml', 'pom-xml'],
  ['pubspec.lock', 'pubspec-lock'],
  ['mix.lock', 'mix-lock'],
]);

/**
 * Tells from a file's path which parser reads it, or `undefined` for any other file. Besides the
 * fixed names: a `.txt` whose name contains `requirements` (`requirements-dev.txt`,
 * `test-requirements.txt`) or that sits in a `requirements/` directory is a pip requirements
 * file, and a `*.lockfile` under `gradle/dependency-locks/` is a per-configuration Gradle lock
 * (the layout before Gradle 6). Pure: only the path is looked at; `\` separators count as `/`.
 *
 * @example
 * detectLockfileKind('services/api/requirements/prod.txt'); // 'requirements-txt'
 */
export function detectLockfileKind(path: string): LockfileKind | undefined {
  const segments = path.replaceAll('\\', '/').split('/');
  const name = segments.at(-1) ?? '';
  const directory = segments.at(-2);
  const known = BY_NAME.get(name);
  if (known !== undefined) return known;
  if (name.endsWith('.txt') && (name.includes('requirements') || directory === 'requirements')) {
    return 'requirements-txt';
  }
  if (
    name.endsWith('.lockfile') &&
    directory === 'dependency-locks' &&
    segments.at(-3) === 'gradle'
  ) {
    return 'gradle-lockfile';
  }
  return undefined;
}

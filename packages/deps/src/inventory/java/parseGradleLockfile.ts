import type { InventoryPackage, LockfileResult } from '../inventoryPackage.js';
import { mavenPurl } from './mavenPurl.js';

/** `group:artifact:version=configuration,configuration`. */
const DEPENDENCY_LINE = /^([^:\s=]+):([^:\s=]+):([^:\s=]+)=([^=\s]*)$/;
/** The configurations that resolved to nothing, written as `empty=a,b`. */
const EMPTY_LINE = /^empty=[^=\s]*$/;

/**
 * Parses a Gradle `gradle.lockfile` (or a per-configuration `*.lockfile`) into a package
 * inventory. A package locked only for test configurations (`testCompileClasspath`,
 * `testFixturesRuntimeClasspath`, …) is `dev`; any other configuration makes it `prod`. The lock
 * does not say which dependencies the build script declares, so `direct` is false and `paths`
 * empty. Lines that are not entries, comments or `empty=` are skipped with a warning; the
 * format has no structure to break, so parsing never fails.
 *
 * @example
 * const result = parseGradleLockfile(text, 'gradle.lockfile');
 */
export function parseGradleLockfile(text: string, path: string): LockfileResult {
  const packages: InventoryPackage[] = [];
  const warnings: string[] = [];
  for (const [index, rawLine] of text.split('\n').entries()) {
    const line = rawLine.trim();
    if (line === '' || line.startsWith('#') || EMPTY_LINE.test(line)) continue;
    const match = DEPENDENCY_LINE.exec(line);
    const [, group, artifact, version, configurations] = match ?? [];
    if (
      group === undefined ||
      artifact === undefined ||
      version === undefined ||
      configurations === undefined
    ) {
      warnings.push(`${path}:${String(index + 1)}: not a group:artifact:version entry; skipped`);
      continue;
    }
    const testOnly = configurations
      .split(',')
      .every((configuration) => configuration.toLowerCase().startsWith('test'));
    packages.push({
      ecosystem: 'Maven',
      name: `${group}:${artifact}`,
      version,
      purl: mavenPurl(group, artifact, version),
      direct: false,
      scope: testOnly && configurations !== '' ? 'dev' : 'prod',
      source: 'registry',
      location: { path, line: index + 1 },
      paths: [],
    });
  }
  return { ok: true, packages, warnings };
}

import type {
  ContentScanner,
  Finding,
  ScannerContext,
  ScannerPlugin,
  SourceFile,
} from '@vigil/core';
import type { OsvDatabase } from './db/OsvDatabase.js';
import { openScanDatabase } from './db/openScanDatabase.js';
import type { InventoryPackage } from './inventory/inventoryPackage.js';
import { isInventoryFile, readInventory } from './inventory/readInventory.js';
import { treeFileReader } from './inventory/treeFileReader.js';
import { findVulnerabilities } from './match/findVulnerabilities.js';
import { vulnerabilityFinding } from './match/vulnerabilityFinding.js';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * The `deps` scanner: collects the lockfiles of the tree while files stream past, then in
 * `finish` reads their inventory and matches it against the local OSV database.
 */
export const depsScanner: ScannerPlugin = {
  id: 'deps',
  title: 'Dependencies (OSV)',
  scansHistory: false,
  rules: () => [],
  create: (context) => new DepsScan(context),
};

class DepsScan implements ContentScanner {
  private readonly files = new Map<string, string>();

  constructor(private readonly context: ScannerContext) {}

  accepts(path: string): boolean {
    return isInventoryFile(path);
  }

  scanFile(file: SourceFile): Finding[] {
    this.files.set(file.path, file.text);
    return [];
  }

  finish(): Promise<Finding[]> {
    return Promise.resolve(this.run());
  }

  private run(): Finding[] {
    const { context } = this;
    const inventory = readInventory(
      [...this.files.keys()],
      treeFileReader(context.root, this.files),
    );
    for (const warning of inventory.warnings) {
      context.warn({
        code: warning.kind === 'invalid' ? 'LOCKFILE_INVALID' : 'LOCKFILE_ENTRY_SKIPPED',
        message: warning.message,
        path: warning.path,
        ...(warning.line === undefined ? {} : { line: warning.line }),
        ...(warning.column === undefined ? {} : { column: warning.column }),
      });
    }
    const packages = inventory.packages.filter((pkg) => pkg.source === 'registry');
    if (packages.length === 0) return [];

    const database = openScanDatabase(context, packages.length);
    if (database === undefined) return [];
    try {
      this.warnAboutCoverage(database, packages);
      const result = findVulnerabilities(packages, (ecosystem, name) =>
        database.recordsFor(ecosystem, name),
      );
      const reported = new Set<string>();
      for (const problem of result.problems) {
        const key = `${problem.package.location.path}\0${problem.package.name}\0${problem.reason}`;
        if (reported.has(key)) continue;
        reported.add(key);
        context.warn({
          code: 'VERSION_UNORDERED',
          message: `${problem.package.name}: not checked against ${problem.recordId}: ${problem.reason}`,
          path: problem.package.location.path,
          ...(problem.package.location.line === undefined
            ? {}
            : { line: problem.package.location.line }),
        });
      }
      const options = { includeDev: context.config.deps.includeDev };
      return result.matches.map((match) => vulnerabilityFinding(match, options));
    } finally {
      database.close();
    }
  }

  /** One warning for ecosystems the database lacks and one for stale data, not one per package. */
  private warnAboutCoverage(database: OsvDatabase, packages: readonly InventoryPackage[]): void {
    const ecosystems = [...new Set(packages.map((pkg) => pkg.ecosystem))].sort();
    const absent = ecosystems.filter((ecosystem) => database.segmentOf(ecosystem) === undefined);
    if (absent.length > 0) {
      this.context.warn({
        code: 'DB_ECOSYSTEM_MISSING',
        message: `the vulnerability database has no ${absent.join(', ')} data, so those packages were not checked; run \`vigil db update --ecosystems ${absent.join(',')}\``,
      });
    }
    const maxAge = this.context.config.deps.maxDatabaseAgeDays * DAY_MS;
    const stale = ecosystems.filter((ecosystem) => {
      const checkedAt = database.segmentOf(ecosystem)?.checkedAt;
      return checkedAt !== undefined && Date.now() - Date.parse(checkedAt) > maxAge;
    });
    if (stale.length > 0) {
      const oldest = Math.min(
        ...stale.map((ecosystem) => Date.parse(database.segmentOf(ecosystem)?.checkedAt ?? '')),
      );
      this.context.warn({
        code: 'DB_STALE',
        message: `the vulnerability data for ${stale.join(', ')} is ${String(Math.floor((Date.now() - oldest) / DAY_MS))} days old; run \`vigil db update\``,
      });
    }
  }
}

/** Which part of the dependency tree a package is installed for. */
export type DependencyScope = 'prod' | 'dev' | 'optional' | 'peer';

/** Where a package comes from; only `registry` packages are matched against advisories. */
export type PackageSource = 'registry' | 'local' | 'git' | 'url';

/** The language ecosystems whose lockfiles and manifests Vigil reads. */
export type LanguageEcosystem =
  | 'npm'
  | 'PyPI'
  | 'Go'
  | 'crates.io'
  | 'RubyGems'
  | 'Packagist'
  | 'NuGet'
  | 'Pub'
  | 'Hex'
  | 'Maven';

/**
 * A distribution's packages, as the full OSV ecosystem with its release (`Debian:12`,
 * `Ubuntu:22.04:LTS`, `Alpine:v3.20`, `Rocky Linux:9`): advisories are per release, so the
 * release is part of what is matched.
 */
export type DistroEcosystem =
  | `Debian:${string}`
  | `Ubuntu:${string}`
  | `Alpine:${string}`
  | `Red Hat:${string}`
  | `Rocky Linux:${string}`
  | `AlmaLinux:${string}`
  | `openSUSE:${string}`
  | `SUSE:${string}`;

/** One resolved package found in a lockfile (or installed in a container image). */
export interface InventoryPackage {
  ecosystem: LanguageEcosystem | DistroEcosystem;
  name: string;
  version: string;
  /** Package URL, e.g. `pkg:npm/%40scope/name@1.2.3`. */
  purl: string;
  /** Declared by the root manifest or by a workspace member. */
  direct: boolean;
  scope: DependencyScope;
  source: PackageSource;
  /** The lockfile and the line its entry starts on (1-based). */
  location: { path: string; line?: number };
  /** Up to three shortest dependency paths from the root, as package names. */
  paths: string[][];
  /**
   * The purls of the packages this one depends on directly, when the source records the graph
   * (an SBOM's `dependencies`). Absent means unknown, not "none": SBOM writers then derive
   * edges from `paths`.
   */
  dependsOn?: string[];
}

export interface LockfileError {
  message: string;
  line?: number;
  column?: number;
}

/** A lockfile parse either yields packages (plus warnings about skipped entries) or one error. */
export type LockfileResult =
  | { ok: true; packages: InventoryPackage[]; warnings: string[] }
  | { ok: false; error: LockfileError };

/** The parts of a root `package.json` that decide whether a package is direct and dev. */
export interface RootManifest {
  name?: string;
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
}

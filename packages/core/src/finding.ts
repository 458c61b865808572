import type { Confidence, Severity } from './severity.js';

/** The commit a finding was seen in, for findings from git history. */
export interface CommitRef {
  sha: string;
  author: string;
  email: string;
  /** ISO 8601 author date. */
  date: string;
}

/** A 1-based line/column range in a file; `endColumn` is exclusive. */
export interface Region {
  startLine: number;
  startColumn: number;
  endLine: number;
  endColumn: number;
}

export interface FileLocation extends Region {
  kind: 'file';
  /** Path relative to the scan root, with `/` separators. */
  path: string;
  commit?: CommitRef;
}

export interface PackageLocation {
  kind: 'package';
  purl: string;
  /** The manifest or lockfile that declares the package, where known. */
  file?: { path: string } & Partial<Region>;
}

export interface UrlLocation {
  kind: 'url';
  url: string;
}

export type Location = FileLocation | PackageLocation | UrlLocation;

/** What was found, shown without ever revealing a secret. */
export interface Evidence {
  /** A redacted rendering, e.g. `ghp_…` — never the full value of a secret. */
  redacted: string;
  /** Length of the original matched value. */
  length: number;
}

/** One step of a data flow (source → … → sink), for taint findings. */
export interface FlowStep {
  location: FileLocation;
  message: string;
}

/** The package a dependency finding is about, and how it got into the project. */
export interface DependencyInfo {
  /** OSV ecosystem, e.g. `npm`, `PyPI`, `Debian:12`. */
  ecosystem: string;
  name: string;
  version: string;
  /** `prod`, `dev`, `optional` or `peer`. */
  scope: string;
  /** Declared by the project itself rather than pulled in by another package. */
  direct: boolean;
  /** Shortest dependency paths from the project, as package names (`app > express > qs`). */
  paths: string[][];
  /** The smallest version that fixes the issue, on the same major line where there is one. */
  fixedIn?: string;
}

export interface Finding {
  /** Globally unique rule id, `<scanner>/<rule>`, e.g. `secrets/github-pat`. */
  ruleId: string;
  scanner: string;
  severity: Severity;
  confidence: Confidence;
  title: string;
  message: string;
  location: Location;
  /** CWE ids, e.g. `CWE-798`. */
  cwe: string[];
  remediation?: string;
  references: string[];
  /**
   * Stable across line moves: derived from the rule, the path and the content found,
   * never from line numbers, so baselines and ignores survive edits around a finding.
   */
  fingerprint: string;
  evidence?: Evidence;
  /** Source-to-sink paths, one array of steps per path. */
  flows?: FlowStep[][];
  tags?: string[];
  /**
   * Other ids of the same issue (an advisory's CVE, GHSA, PYSEC… ids); an `ignore:` entry naming
   * one of them as its `rule` matches the finding.
   */
  aliases?: string[];
  /**
   * Set when the finding is reported but never fails the gate, saying why (e.g. a vulnerable
   * package installed only for development, unless `--include-dev`).
   */
  nonBlocking?: string;
  /** For findings about a third-party package. */
  dependency?: DependencyInfo;
}

/** A rule's metadata, as reporters (SARIF `rules`, docs tables) need it. */
export interface RuleDescriptor {
  id: string;
  scanner: string;
  title: string;
  description: string;
  severity: Severity;
  cwe: string[];
  remediation: string;
  references: string[];
  tags?: string[];
}

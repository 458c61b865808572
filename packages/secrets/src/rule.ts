import type { Confidence, Severity } from '@vigil/core';

/**
 * A secret detection rule: data plus metadata. The engine runs `pattern` only on files where
 * one of `keywords` occurs (case-insensitive), then filters matches by allow-lists, entropy
 * and `verify`.
 */
export interface SecretRule {
  /** Kebab-case id without the scanner prefix, e.g. `github-pat`. */
  id: string;
  title: string;
  /** One or two sentences: what the credential grants. */
  description: string;
  severity: Severity;
  confidence: Confidence;
  /**
   * Lowercase ASCII strings; at least one must occur in a file for the rule to run there.
   * Empty only for rules gated by `paths` instead (they run on every file the paths match).
   */
  keywords: readonly string[];
  /**
   * The match. The secret is the named group `secret`, else the first group, else the match.
   * No `g` flag: the engine adds the flags it needs. Exactly one of `pattern` and `detect`.
   */
  pattern?: RegExp;
  /** For formats a regex cannot read (e.g. base64 data in Kubernetes Secrets). */
  detect?: (text: string, path: string) => RawSecretMatch[];
  /**
   * `file` runs the pattern over the whole file, for matches that span many lines or far from
   * their keyword (PEM blocks). By default it runs in windows around each keyword occurrence.
   */
  scope?: 'file';
  /** Minimum Shannon entropy (bits per character) of the secret. */
  minEntropy?: number;
  /** Structure or checksum check of the secret (e.g. a GitHub token's CRC32). */
  verify?: (secret: string) => boolean;
  /** Only files whose path matches. */
  paths?: RegExp;
  /** Rule-specific values that are not secrets (tested against the secret). */
  allow?: readonly RegExp[];
  /**
   * Generic rules catch what no provider rule knows; they yield to a provider finding on the
   * same text and do not run in lockfiles.
   */
  generic?: boolean;
  remediation?: string;
  references: readonly string[];
  /** Defaults to CWE-798 (hard-coded credentials). */
  cwe?: readonly string[];
  /** Lines that must (`match`) and must not (`noMatch`) produce a finding of this rule. */
  examples: { match: readonly string[]; noMatch: readonly string[] };
}

/** A secret found in a text: its value and its UTF-16 offsets in that text. */
export interface RawSecretMatch {
  secret: string;
  start: number;
  end: number;
}

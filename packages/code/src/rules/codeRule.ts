import type { Severity } from '@vigil/core';

/** What kind of harm a sink does; sanitisers clean values for some classes only. */
export const SINK_CLASSES = [
  'sql',
  'nosql',
  'command',
  'path',
  'xss',
  'code',
  'ssrf',
  'redirect',
  'regex',
  'redos',
  'prototype',
  'deserialization',
  'xxe',
  'log',
] as const;
export type SinkClass = (typeof SINK_CLASSES)[number];

/** OWASP Top 10 (2021) categories the rules map to. */
export type OwaspCategory =
  | 'A01:2021-Broken Access Control'
  | 'A02:2021-Cryptographic Failures'
  | 'A03:2021-Injection'
  | 'A04:2021-Insecure Design'
  | 'A05:2021-Security Misconfiguration'
  | 'A07:2021-Identification and Authentication Failures'
  | 'A08:2021-Software and Data Integrity Failures'
  | 'A09:2021-Security Logging and Monitoring Failures'
  | 'A10:2021-Server-Side Request Forgery';

/**
 * A code rule: metadata plus one vulnerable and one safe example, which the rules test scans.
 * Taint rules (`sinkClass` set) report flows from untrusted input into a sink of that class;
 * pattern rules report an insecure construct on its own.
 */
export interface CodeRule {
  /** Kebab-case id without the scanner prefix, e.g. `sql-injection`. */
  id: string;
  title: string;
  description: string;
  severity: Severity;
  cwe: readonly string[];
  owasp: OwaspCategory;
  /** How to fix it, one or two sentences. */
  remediation: string;
  references: readonly string[];
  sinkClass?: SinkClass;
  /** A file (TypeScript or JavaScript) the rule must report, and one it must not. */
  examples: { vulnerable: string; safe: string };
}

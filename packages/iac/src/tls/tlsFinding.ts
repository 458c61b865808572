import type { Finding } from '@vigil/core';
import { iacFinding } from '../iacFinding.js';
import { tlsRules, type TlsRule, type TlsRuleId } from './tlsRules.js';

/** Where a problem is: 1-based, `endColumn` exclusive. */
export interface TlsSpot {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

export interface TlsWarning {
  /** `syntax`: the file does not parse there (the rest is checked); `unchecked`: a setting could not be checked. */
  kind: 'syntax' | 'unchecked';
  message: string;
  line: number;
  column: number;
}

/** A config parser's syntax errors as warnings naming the server software. */
export function syntaxWarnings(
  server: string,
  errors: readonly { message: string; line: number; column: number }[],
): TlsWarning[] {
  return errors.map((error) => ({
    ...error,
    kind: 'syntax',
    message: `${server} syntax error: ${error.message}`,
  }));
}

/** A setting that could not be checked, at the line of the directive holding it. */
export function uncheckedWarning(
  message: string,
  at: { line: number; column: number },
): TlsWarning {
  return { kind: 'unchecked', message, line: at.line, column: at.column };
}

export interface TlsDetection {
  findings: Finding[];
  warnings: TlsWarning[];
}

/** Options shared by the nginx, Apache and HAProxy checkers. */
export interface TlsCheckOptions {
  /**
   * Size in bits of the DH parameters in a referenced file (`ssl_dhparam`, `DHParameters`,
   * `ssl-dh-param-file`); undefined when unknown. The caller reads the file (see `dhParamBits`).
   */
  dhParamBits?: (file: string) => number | undefined;
}

const RULES = new Map(tlsRules.map((rule) => [rule.id, rule]));

function ruleOf(id: TlsRuleId): TlsRule {
  const rule = RULES.get(id);
  if (!rule) throw new Error(`unknown TLS rule ${id}`);
  return rule;
}

export function tlsFinding(
  id: TlsRuleId,
  path: string,
  spot: TlsSpot,
  message: string,
  evidence: string,
  context: string,
): Finding {
  return iacFinding(ruleOf(id), {
    path,
    region: {
      startLine: spot.line,
      startColumn: spot.column,
      endLine: spot.endLine,
      endColumn: spot.endColumn,
    },
    message,
    // Fingerprints name the server and the setting, never line numbers.
    key: `${context}\0${evidence}`,
    evidence,
  });
}

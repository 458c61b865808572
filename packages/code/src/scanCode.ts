import type { FileLocation, Finding } from '@vigil/core';
import type { Node } from './ast.js';
import { groupFlows, patternFinding, ruleId, taintFinding } from './codeFinding.js';
import type { LineIndex } from '@vigil/core';
import { detectPatterns } from './patterns/detectPatterns.js';
import type { SinkClass } from './rules/codeRule.js';
import { patternRules, taintRules } from './rules/index.js';
import { analyzeModule, type ModuleAnalysis, type TaintFlow } from './taint/analyzeModule.js';
import type { FunctionSummary } from './taint/value.js';

export interface CodeScanOptions {
  sources: 'default' | 'exports';
  sanitizers: ReadonlySet<string>;
  /** Rule ids (without `code/`) not to report. */
  disabled?: ReadonlySet<string>;
  importedSummary?: (
    specifier: string,
    exportPath: readonly string[],
  ) => FunctionSummary | undefined;
}

const RULE_BY_CLASS = new Map<SinkClass, (typeof taintRules)[number]>(
  taintRules.flatMap((rule) => (rule.sinkClass ? [[rule.sinkClass, rule] as const] : [])),
);

/** The rule id (`code/…`) a flow is reported under, if its sink class has a rule. */
export function flowRuleId(flow: TaintFlow): string | undefined {
  const rule = RULE_BY_CLASS.get(flow.sink.sinkClass);
  return rule ? ruleId(rule) : undefined;
}

/** Taint findings from one module's flows. */
export function flowFindings(
  flows: readonly TaintFlow[],
  disabled?: ReadonlySet<string>,
): Finding[] {
  const findings: Finding[] = [];
  for (const group of groupFlows(flows)) {
    const first = group[0];
    const rule = first ? RULE_BY_CLASS.get(first.sink.sinkClass) : undefined;
    if (!rule || disabled?.has(rule.id)) continue;
    findings.push(taintFinding(rule, group));
  }
  return findings;
}

/** Pattern-rule findings of one parsed module. */
export function patternFindings(
  program: Node,
  path: string,
  text: string,
  lines: LineIndex,
  disabled?: ReadonlySet<string>,
): Finding[] {
  const rules = disabled ? patternRules.filter((rule) => !disabled.has(rule.id)) : patternRules;
  return detectPatterns(program, text, rules).map(({ rule, node }) => {
    const start = lines.position(node.start);
    const end = lines.position(node.end);
    const location: FileLocation = {
      kind: 'file',
      path,
      startLine: start.line,
      startColumn: start.column,
      endLine: end.line,
      endColumn: end.column,
    };
    const snippet = text
      .slice(node.start, Math.min(node.end, node.start + 200))
      .replace(/\s+/g, ' ');
    return patternFinding(rule, location, snippet);
  });
}

/** The taint analysis of one parsed module, with the scan's options. */
export function analyzeCode(
  program: Node,
  path: string,
  text: string,
  lines: LineIndex,
  options: CodeScanOptions,
): ModuleAnalysis {
  return analyzeModule(program, {
    path,
    text,
    lines,
    sources: options.sources,
    sanitizers: options.sanitizers,
    ...(options.importedSummary && { importedSummary: options.importedSummary }),
  });
}

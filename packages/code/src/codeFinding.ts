import { fingerprint, type FileLocation, type Finding, type FlowStep } from '@vigil/core';
import type { CodeRule } from './rules/codeRule.js';
import type { TaintFlow } from './taint/analyzeModule.js';

const MAX_PATHS = 5;

export function ruleId(rule: CodeRule): string {
  return `code/${rule.id}`;
}

function baseFinding(rule: CodeRule, location: FileLocation, snippet: string): Finding {
  return {
    ruleId: ruleId(rule),
    scanner: 'code',
    severity: rule.severity,
    confidence: 'high',
    title: rule.title,
    message: rule.description,
    location,
    cwe: [...rule.cwe],
    remediation: rule.remediation,
    references: [...rule.references],
    fingerprint: fingerprint(ruleId(rule), location.path, snippet),
    tags: ['security', rule.owasp, ...(rule.sinkClass ? ['taint'] : [])],
  };
}

/** One finding per sink: every path from input that reaches it (a few), source to sink. */
export function taintFinding(rule: CodeRule, flows: readonly TaintFlow[]): Finding {
  const [first] = flows;
  if (!first) throw new Error('taintFinding needs a flow');
  const { sink } = first;
  const paths: FlowStep[][] = flows
    .slice(0, MAX_PATHS)
    .map((flow) => [
      ...flow.trace.steps.map((step) => ({ location: step.location, message: step.message })),
      { location: sink.location, message: `reaches ${sink.description}` },
    ]);
  const sources = [
    ...new Set(
      flows.map((flow) => (flow.trace.origin.kind === 'input' ? flow.trace.origin.label : '')),
    ),
  ];
  const crossFile = flows.some((flow) =>
    flow.trace.steps.some((step) => step.location.path !== sink.location.path),
  );
  return {
    ...baseFinding(rule, sink.location, sink.snippet),
    confidence: crossFile ? 'medium' : 'high',
    message: `${sources.slice(0, 3).join(', ')}${sources.length > 3 ? ', …' : ''} reaches ${sink.description}`,
    flows: paths,
  };
}

export function patternFinding(rule: CodeRule, location: FileLocation, snippet: string): Finding {
  return baseFinding(rule, location, snippet);
}

/** Groups flows by rule and sink, so each sink is one finding with all its paths. */
export function groupFlows(flows: readonly TaintFlow[]): TaintFlow[][] {
  const groups = new Map<string, TaintFlow[]>();
  const seen = new Set<string>();
  for (const flow of flows) {
    const { sink } = flow;
    const key = `${sink.sinkClass}\0${sink.location.path}\0${String(sink.location.startLine)}:${String(sink.location.startColumn)}`;
    const first = flow.trace.steps[0]?.location;
    const pathKey = `${key}\0${flow.trace.origin.kind === 'input' ? flow.trace.origin.label : ''}\0${first ? `${first.path}:${String(first.startLine)}:${String(first.startColumn)}` : ''}`;
    if (seen.has(pathKey)) continue;
    seen.add(pathKey);
    const group = groups.get(key);
    if (group) group.push(flow);
    else groups.set(key, [flow]);
  }
  return [...groups.values()];
}

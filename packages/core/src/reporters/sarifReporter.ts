/**
 * SARIF 2.1.0, shaped for GitHub code scanning: `security-severity` and `precision` on
 * rules, CWE tags as `external/cwe/cwe-N`, `partialFingerprints` for alert tracking, and
 * suppressed results kept (GitHub hides them) so the file is complete.
 */
import { pathToFileURL } from 'node:url';
import type { FileLocation, Finding, FlowStep, Location, RuleDescriptor } from '../finding.js';
import type { EvaluatedFinding, Suppression } from '../policy/applyPolicy.js';
import type { ScanReport } from '../report.js';
import { securitySeverityScore, type Confidence, type Severity } from '../severity.js';

const SARIF_SCHEMA =
  'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';
const INFORMATION_URI = 'https://vigil.dev';
const SRCROOT = '%SRCROOT%';
const FINGERPRINT_KEY = 'vigil/v1';

type Level = 'error' | 'warning' | 'note';
type Json = Record<string, unknown>;

export function sarifLevel(severity: Severity): Level {
  switch (severity) {
    case 'critical':
    case 'high':
      return 'error';
    case 'medium':
      return 'warning';
    case 'low':
    case 'info':
      return 'note';
  }
}

/** GitHub's convention, e.g. `CWE-798` → `external/cwe/cwe-798`. */
function cweTag(cwe: string): string {
  return `external/cwe/${cwe.toLowerCase()}`;
}

/** An identifier-like name from a title, e.g. `GitHub personal access token` → `GitHubPersonalAccessToken`. */
function ruleName(title: string): string {
  return title
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join('');
}

/** A relative path as a URI reference: each segment percent-encoded, `/` kept. */
function relativeUri(path: string): string {
  return path.split('/').map(encodeURIComponent).join('/');
}

const confidenceOrder: readonly Confidence[] = ['low', 'medium', 'high'];

/**
 * Rules carry no confidence of their own, so a rule's precision is the lowest confidence of
 * its findings in this report (conservative: GitHub ranks alerts by it).
 */
function precisionByRule(results: readonly EvaluatedFinding[]): Map<string, Confidence> {
  const precision = new Map<string, Confidence>();
  for (const { finding } of results) {
    const known = precision.get(finding.ruleId);
    if (!known || confidenceOrder.indexOf(finding.confidence) < confidenceOrder.indexOf(known)) {
      precision.set(finding.ruleId, finding.confidence);
    }
  }
  return precision;
}

/** Findings whose rule is missing from `report.rules` still get a descriptor, from the finding. */
function descriptorsOf(report: ScanReport): RuleDescriptor[] {
  const rules = [...report.rules];
  const known = new Set(rules.map((rule) => rule.id));
  for (const { finding } of report.results) {
    if (known.has(finding.ruleId)) continue;
    known.add(finding.ruleId);
    rules.push({
      id: finding.ruleId,
      scanner: finding.scanner,
      title: finding.title,
      description: finding.title,
      severity: finding.severity,
      cwe: finding.cwe,
      remediation: finding.remediation ?? '',
      references: finding.references,
    });
  }
  return rules;
}

function helpOf(rule: RuleDescriptor): { text: string; markdown: string } {
  const text = [rule.description];
  const markdown = [rule.description];
  if (rule.remediation) {
    text.push(`Remediation: ${rule.remediation}`);
    markdown.push(`**Remediation:** ${rule.remediation}`);
  }
  if (rule.references.length > 0) {
    text.push(['References:', ...rule.references.map((url) => `- ${url}`)].join('\n'));
    markdown.push(['**References**', '', ...rule.references.map((url) => `- <${url}>`)].join('\n'));
  }
  return { text: text.join('\n\n'), markdown: markdown.join('\n\n') };
}

function sarifRule(rule: RuleDescriptor, precision: Confidence | undefined): Json {
  const helpUri = rule.references[0];
  return {
    id: rule.id,
    name: ruleName(rule.title),
    shortDescription: { text: rule.title },
    fullDescription: { text: rule.description },
    help: helpOf(rule),
    ...(helpUri && { helpUri }),
    defaultConfiguration: { level: sarifLevel(rule.severity) },
    properties: {
      'security-severity': securitySeverityScore(rule.severity),
      tags: [...new Set(['security', ...rule.cwe.map(cweTag), ...(rule.tags ?? [])])],
      ...(precision && { precision }),
    },
  };
}

function fileLocation(location: FileLocation, message?: string): Json {
  return {
    physicalLocation: {
      artifactLocation: { uri: relativeUri(location.path), uriBaseId: SRCROOT },
      region: {
        startLine: location.startLine,
        startColumn: location.startColumn,
        endLine: location.endLine,
        endColumn: location.endColumn,
      },
    },
    ...(message !== undefined && { message: { text: message } }),
  };
}

function sarifLocation(location: Location): Json {
  switch (location.kind) {
    case 'file':
      return fileLocation(location);
    case 'package': {
      const logicalLocations = [
        { name: location.purl, fullyQualifiedName: location.purl, kind: 'package' },
      ];
      if (!location.file) return { logicalLocations };
      const { path, startLine, startColumn, endLine, endColumn } = location.file;
      const region =
        startLine === undefined ? undefined : { startLine, startColumn, endLine, endColumn };
      return {
        physicalLocation: {
          artifactLocation: { uri: relativeUri(path), uriBaseId: SRCROOT },
          ...(region && { region }),
        },
        logicalLocations,
      };
    }
    case 'url':
      return { physicalLocation: { artifactLocation: { uri: location.url } } };
  }
}

function sarifSuppression(suppression: Suppression): Json {
  switch (suppression.kind) {
    case 'inline':
      return { kind: 'inSource', status: 'accepted', justification: suppression.reason };
    case 'config':
      return {
        kind: 'external',
        status: 'accepted',
        justification: suppression.reason,
        ...(suppression.until && { properties: { until: suppression.until } }),
      };
    case 'baseline':
      return { kind: 'external', status: 'accepted', justification: 'in the baseline' };
  }
}

function codeFlow(flow: readonly FlowStep[]): Json {
  const source = flow[0];
  const sink = flow.at(-1);
  return {
    ...(source && sink && { message: { text: `${source.message} → ${sink.message}` } }),
    threadFlows: [
      { locations: flow.map((step) => ({ location: fileLocation(step.location, step.message) })) },
    ],
  };
}

function resultProperties(finding: Finding): Json | undefined {
  const properties: Json = {};
  if (finding.location.kind === 'file' && finding.location.commit) {
    const { sha, author, date } = finding.location.commit;
    properties.commit = { sha, author, date };
  }
  if (finding.evidence) properties.evidence = finding.evidence;
  if (finding.tags?.length) properties.tags = finding.tags;
  if (finding.aliases?.length) properties.aliases = finding.aliases;
  if (finding.dependency) properties.dependency = finding.dependency;
  if (finding.nonBlocking) properties.nonBlocking = finding.nonBlocking;
  return Object.keys(properties).length > 0 ? properties : undefined;
}

function sarifResult(result: EvaluatedFinding, ruleIndex: number): Json {
  const { finding, suppression } = result;
  const properties = resultProperties(finding);
  return {
    ruleId: finding.ruleId,
    ruleIndex,
    level: sarifLevel(finding.severity),
    message: { text: finding.message },
    locations: [sarifLocation(finding.location)],
    partialFingerprints: { [FINGERPRINT_KEY]: finding.fingerprint },
    fingerprints: { [FINGERPRINT_KEY]: finding.fingerprint },
    ...(finding.flows?.length && { codeFlows: finding.flows.map(codeFlow) }),
    ...(suppression && { suppressions: [sarifSuppression(suppression)] }),
    ...(suppression?.kind === 'baseline' && { baselineState: 'unchanged' }),
    ...(properties && { properties }),
  };
}

/** A directory as a URI ending in `/`, as `originalUriBaseIds` requires. */
function directoryUri(path: string): string {
  const href = pathToFileURL(path).href;
  return href.endsWith('/') ? href : `${href}/`;
}

/** The report as SARIF 2.1.0 JSON: one run, every result including suppressed ones. */
export function renderSarif(report: ScanReport): string {
  const rules = descriptorsOf(report);
  const indexById = new Map(rules.map((rule, index) => [rule.id, index]));
  const precision = precisionByRule(report.results);
  const started = new Date(report.startedAt);
  const sarif = {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'Vigil',
            version: report.tool.version,
            semanticVersion: report.tool.version,
            informationUri: INFORMATION_URI,
            rules: rules.map((rule) => sarifRule(rule, precision.get(rule.id))),
          },
        },
        invocations: [
          {
            executionSuccessful: true,
            startTimeUtc: started.toISOString(),
            endTimeUtc: new Date(started.getTime() + report.durationMs).toISOString(),
            toolExecutionNotifications: report.warnings.map((warning) => ({
              level: 'warning',
              descriptor: { id: warning.code },
              message: { text: warning.message },
              ...(warning.path && {
                locations: [
                  {
                    physicalLocation: {
                      artifactLocation: { uri: relativeUri(warning.path), uriBaseId: SRCROOT },
                      ...(warning.line && {
                        region: { startLine: warning.line, startColumn: warning.column },
                      }),
                    },
                  },
                ],
              }),
            })),
          },
        ],
        originalUriBaseIds: { [SRCROOT]: { uri: directoryUri(report.root) } },
        columnKind: 'utf16CodeUnits',
        results: report.results.map((result) =>
          sarifResult(result, indexById.get(result.finding.ruleId) ?? -1),
        ),
      },
    ],
  };
  return `${JSON.stringify(sarif, null, 2)}\n`;
}

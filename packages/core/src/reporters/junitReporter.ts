/**
 * JUnit XML for CI test dashboards: a `<testsuite>` per scanner that ran, a failing
 * `<testcase>` per open finding (its severity as the failure `type`), and one passing
 * `no findings` case for a scanner with nothing open.
 */
import type { Location } from '../finding.js';
import type { EvaluatedFinding } from '../policy/applyPolicy.js';
import type { ScanReport } from '../report.js';

/**
 * Characters XML 1.0 forbids even as character references (most C0 controls, lone
 * surrogates, U+FFFE/U+FFFF); they are written as visible `\uXXXX` escapes instead.
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const invalidXmlChars = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udfff]/gu;

function withoutInvalidChars(text: string): string {
  return text.replace(
    invalidXmlChars,
    (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

const textEntities: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;' };
const attributeEntities: Record<string, string> = {
  ...textEntities,
  '"': '&quot;',
  "'": '&apos;',
  // Attribute values are whitespace-normalised by parsers; references keep these as they are.
  '\t': '&#9;',
  '\n': '&#10;',
  '\r': '&#13;',
};

export function escapeXmlText(text: string): string {
  return withoutInvalidChars(text).replace(/[&<>]/g, (char) => textEntities[char] ?? char);
}

export function escapeXmlAttribute(text: string): string {
  return withoutInvalidChars(text).replace(
    /[&<>"'\t\n\r]/g,
    (char) => attributeEntities[char] ?? char,
  );
}

function attributes(values: Record<string, string | number>): string {
  return Object.entries(values)
    .map(([name, value]) => ` ${name}="${escapeXmlAttribute(String(value))}"`)
    .join('');
}

function where(location: Location): string {
  switch (location.kind) {
    case 'file':
      return `${location.path}:${location.startLine}:${location.startColumn}`;
    case 'package':
      return location.file ? `${location.purl} (${location.file.path})` : location.purl;
    case 'url':
      return location.url;
  }
}

function failureBody(result: EvaluatedFinding): string {
  const { finding } = result;
  const lines = [
    `${finding.title} at ${where(finding.location)}`,
    `severity: ${finding.severity}${result.blocking ? ' (fails the policy)' : ''}`,
    `fingerprint: ${finding.fingerprint}`,
  ];
  if (finding.location.kind === 'file' && finding.location.commit) {
    const { sha, author, date } = finding.location.commit;
    lines.push(`commit: ${sha} by ${author} on ${date}`);
  }
  if (finding.remediation) lines.push(`remediation: ${finding.remediation}`);
  return lines.join('\n');
}

function testcase(scanner: string, result: EvaluatedFinding): string {
  const { finding } = result;
  const head = `    <testcase${attributes({ classname: scanner, name: `${finding.ruleId} ${where(finding.location)}` })}>`;
  const failure = `      <failure${attributes({ type: finding.severity, message: `${finding.ruleId}: ${finding.message}` })}>${escapeXmlText(failureBody(result))}</failure>`;
  return [head, failure, '    </testcase>'].join('\n');
}

function testsuite(scanner: string, open: readonly EvaluatedFinding[], timestamp: string): string {
  const cases =
    open.length > 0
      ? open.map((result) => testcase(scanner, result))
      : [`    <testcase${attributes({ classname: scanner, name: 'no findings' })}/>`];
  const head = `  <testsuite${attributes({
    name: scanner,
    tests: Math.max(1, open.length),
    failures: open.length,
    errors: 0,
    skipped: 0,
    timestamp,
  })}>`;
  return [head, ...cases, '  </testsuite>'].join('\n');
}

/** The report as JUnit XML; suppressed findings are left out. */
export function renderJunit(report: ScanReport): string {
  const openByScanner = new Map<string, EvaluatedFinding[]>(
    report.scanners.map((scanner) => [scanner, []]),
  );
  for (const result of report.results) {
    if (result.suppression) continue;
    const { scanner } = result.finding;
    const open = openByScanner.get(scanner);
    if (open) open.push(result);
    else openByScanner.set(scanner, [result]);
  }
  const suites = [...openByScanner].map(([scanner, open]) =>
    testsuite(scanner, open, report.startedAt),
  );
  const tests = [...openByScanner.values()].reduce(
    (sum, open) => sum + Math.max(1, open.length),
    0,
  );
  const failures = [...openByScanner.values()].reduce((sum, open) => sum + open.length, 0);
  const root = `<testsuites${attributes({
    name: 'vigil',
    tests,
    failures,
    errors: 0,
    time: (report.durationMs / 1000).toFixed(3),
  })}>`;
  return ['<?xml version="1.0" encoding="UTF-8"?>', root, ...suites, '</testsuites>', ''].join(
    '\n',
  );
}

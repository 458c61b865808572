/**
 * Human output for a terminal: open findings grouped by file (or package, or URL), then a
 * one-line summary with the policy verdict, warnings and notices.
 */
import type { Finding, Location } from '../finding.js';
import type { ScanReport, ScanStats } from '../report.js';
import { SEVERITIES, severityRank, type Severity } from '../severity.js';
import { summarize } from './summarize.js';

export interface TableOptions {
  /** ANSI colours; the caller decides (TTY, `NO_COLOR`, `--no-color`). */
  color: boolean;
}

const MAX_WARNINGS_SHOWN = 10;

const ansi = {
  bold: [1, 22],
  dim: [2, 22],
  red: [31, 39],
  green: [32, 39],
  yellow: [33, 39],
  blue: [34, 39],
  magenta: [35, 39],
  gray: [90, 39],
} as const;
type Style = keyof typeof ansi;

const severityStyles: Record<Severity, Style[]> = {
  critical: ['bold', 'magenta'],
  high: ['red'],
  medium: ['yellow'],
  low: ['blue'],
  info: ['gray'],
};

type Paint = (text: string, ...styles: Style[]) => string;

function painter(color: boolean): Paint {
  if (!color) return (text) => text;
  return (text, ...styles) =>
    styles.reduce((styled, style) => {
      const [open, close] = ansi[style];
      return `\u001b[${open}m${styled}\u001b[${close}m`;
    }, text);
}

/**
 * Control characters shown as escapes, so a crafted file name, commit author or message
 * cannot move the cursor or recolour the terminal.
 */
function printable(text: string): string {
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  return text.replace(/[\u0000-\u001f\u007f-\u009f]/g, (char) => {
    if (char === '\t') return ' ';
    return `\\x${char.charCodeAt(0).toString(16).padStart(2, '0')}`;
  });
}

const numberFormat = new Intl.NumberFormat('en-US');
const decimalFormat = new Intl.NumberFormat('en-US', { maximumFractionDigits: 1 });

function plural(count: number, noun: string): string {
  return `${numberFormat.format(count)} ${noun}${count === 1 ? '' : 's'}`;
}

function formatBytes(bytes: number): string {
  const units = ['B', 'kB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  return `${decimalFormat.format(value)} ${units[unit] ?? 'B'}`;
}

function formatDuration(ms: number): string {
  return ms < 100 ? `${Math.round(ms)} ms` : `${decimalFormat.format(ms / 1000)} s`;
}

/** The heading a finding is listed under. */
function groupOf(location: Location): string {
  switch (location.kind) {
    case 'file':
      return location.path;
    case 'package':
      return location.file ? `${location.purl} (${location.file.path})` : location.purl;
    case 'url':
      return location.url;
  }
}

function position(location: Location): string {
  switch (location.kind) {
    case 'file':
      return `${location.startLine}:${location.startColumn}`;
    case 'package':
      if (location.file?.startLine === undefined) return '-';
      return `${location.file.startLine}:${location.file.startColumn ?? 1}`;
    case 'url':
      return '-';
  }
}

function sortKey(location: Location): [number, number] {
  if (location.kind === 'file') return [location.startLine, location.startColumn];
  if (location.kind === 'package') return [location.file?.startLine ?? 0, 0];
  return [0, 0];
}

function byPosition(a: Finding, b: Finding): number {
  const [lineA, columnA] = sortKey(a.location);
  const [lineB, columnB] = sortKey(b.location);
  return (
    lineA - lineB ||
    columnA - columnB ||
    severityRank(b.severity) - severityRank(a.severity) ||
    a.ruleId.localeCompare(b.ruleId, 'en')
  );
}

const kindOrder: readonly Location['kind'][] = ['file', 'package', 'url'];

/** Files first, then packages, then URLs; each by name. */
function byGroup([keyA, [a]]: [string, Finding[]], [keyB, [b]]: [string, Finding[]]): number {
  const kindA = a ? kindOrder.indexOf(a.location.kind) : 0;
  const kindB = b ? kindOrder.indexOf(b.location.kind) : 0;
  return kindA - kindB || (keyA < keyB ? -1 : keyA > keyB ? 1 : 0);
}

/**
 * Extra lines under a finding: its fingerprint (what `ignore:` entries and baselines name), the
 * commit it came from, and the source and sink of a flow.
 */
function details(finding: Finding): string[] {
  const { location } = finding;
  const identity = [`fingerprint ${finding.fingerprint}`];
  if (location.kind === 'file' && location.commit) {
    const { sha, author, date } = location.commit;
    identity.unshift(`commit ${sha.slice(0, 7)} · ${author} · ${date.slice(0, 10)}`);
  }
  if (finding.aliases && finding.aliases.length > 0) identity.unshift(finding.aliases.join(', '));
  const lines = [identity.join(' · ')];
  if (finding.nonBlocking) lines.push(`does not fail the gate: ${finding.nonBlocking}`);
  const flows = finding.flows ?? [];
  const [flow] = flows;
  const source = flow?.[0];
  const sink = flow?.at(-1);
  if (source && sink) {
    const where = (step: typeof source) => {
      const prefix = step.location.path === groupOf(location) ? '' : `${step.location.path}:`;
      return `${prefix}${step.location.startLine}:${step.location.startColumn} ${step.message}`;
    };
    const more = flows.length > 1 ? ` (+${plural(flows.length - 1, 'more path')})` : '';
    lines.push(`source ${where(source)} → sink ${where(sink)}${more}`);
  }
  return lines;
}

function renderFindings(open: readonly Finding[], paint: Paint): string[] {
  const groups = new Map<string, Finding[]>();
  for (const finding of open) {
    const key = groupOf(finding.location);
    const group = groups.get(key);
    if (group) group.push(finding);
    else groups.set(key, [finding]);
  }
  const ruleWidth = Math.max(...open.map((finding) => finding.ruleId.length));
  const positionWidth = Math.max(...open.map((finding) => position(finding.location).length));
  const severityWidth = Math.max(...SEVERITIES.map((severity) => severity.length));
  const indent = ' '.repeat(2 + severityWidth + 2);

  const lines: string[] = [];
  for (const [key, group] of [...groups].sort(byGroup)) {
    lines.push(paint(printable(key), 'bold'));
    for (const finding of group.sort(byPosition)) {
      const severity = paint(
        finding.severity.toUpperCase().padEnd(severityWidth),
        ...severityStyles[finding.severity],
      );
      const columns = [
        severity,
        finding.ruleId.padEnd(ruleWidth),
        position(finding.location).padStart(positionWidth),
        printable(finding.message),
      ];
      lines.push(`  ${columns.join('  ')}`);
      for (const detail of details(finding)) {
        lines.push(paint(`${indent}${printable(detail)}`, 'dim'));
      }
    }
    lines.push('');
  }
  return lines;
}

function scanned(stats: ScanStats, target: ScanReport['target'], durationMs: number): string {
  const parts = [plural(stats.filesScanned, 'file'), formatBytes(stats.bytesScanned)];
  if (target === 'git-history' || stats.commitsScanned > 0) {
    parts.unshift(plural(stats.commitsScanned, 'commit'));
  }
  return `${parts.join(', ')} in ${formatDuration(durationMs)}`;
}

/** `skipped 3 binary, 1 too large, 2 symlinks`, or nothing when nothing was skipped. */
function skippedCounts(stats: ScanReport['stats']): string {
  const counts: [number, string][] = [
    [stats.skippedBinary, 'binary'],
    [stats.skippedTooLarge, 'too large'],
    [stats.skippedUnreadable, 'unreadable'],
    [stats.skippedSymlinks, stats.skippedSymlinks === 1 ? 'symlink' : 'symlinks'],
  ];
  const shown = counts
    .filter(([count]) => count > 0)
    .map(([count, label]) => `${numberFormat.format(count)} ${label}`);
  return shown.length > 0 ? `skipped ${shown.join(', ')}` : '';
}

function summaryLine(report: ScanReport, paint: Paint): string {
  const summary = summarize(report.results);
  const severities = SEVERITIES.filter((severity) => summary.bySeverity[severity] > 0).map(
    (severity) =>
      paint(
        `${numberFormat.format(summary.bySeverity[severity])} ${severity}`,
        ...severityStyles[severity],
      ),
  );
  const parts = [
    plural(summary.total, 'finding') + (severities.length > 0 ? ` (${severities.join(', ')})` : ''),
  ];
  const ignored = summary.suppressed.inline + summary.suppressed.config;
  if (ignored > 0) parts.push(`${numberFormat.format(ignored)} ignored`);
  if (summary.suppressed.baseline > 0) {
    parts.push(`${numberFormat.format(summary.suppressed.baseline)} in baseline`);
  }
  parts.push(scanned(report.stats, report.target, report.durationMs));
  const skipped = skippedCounts(report.stats);
  if (skipped) parts.push(skipped);
  const { failOn, failed } = report.policy;
  parts.push(
    failed
      ? paint(`policy FAILED (fail-on ${failOn})`, 'bold', 'red')
      : paint(`policy passed (fail-on ${failOn})`, 'green'),
  );
  return parts.join(' · ');
}

function warningLines(report: ScanReport, paint: Paint): string[] {
  const { warnings } = report;
  if (warnings.length === 0) return [];
  const lines = [paint(`${plural(warnings.length, 'warning')}:`, 'yellow')];
  for (const warning of warnings.slice(0, MAX_WARNINGS_SHOWN)) {
    const where = warning.path
      ? `${warning.path}${warning.line ? `:${warning.line}` : ''}${warning.column ? `:${warning.column}` : ''}: `
      : '';
    lines.push(`  ${printable(`${where}${warning.message} [${warning.code}]`)}`);
  }
  const hidden = warnings.length - MAX_WARNINGS_SHOWN;
  if (hidden > 0)
    lines.push(`  … and ${numberFormat.format(hidden)} more; use --format json to see them all`);
  return lines;
}

/** The report for a terminal, ending with a newline. */
export function renderTable(report: ScanReport, options: TableOptions): string {
  const paint = painter(options.color);
  const open = report.results
    .filter((result) => !result.suppression)
    .map((result) => result.finding);
  const lines = open.length > 0 ? renderFindings(open, paint) : ['No findings.', ''];
  lines.push(summaryLine(report, paint));
  lines.push(...warningLines(report, paint));
  for (const notice of report.policy.notices) {
    lines.push(paint(`notice: ${printable(notice)}`, 'yellow'));
  }
  return `${lines.join('\n')}\n`;
}

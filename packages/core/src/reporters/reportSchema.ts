/**
 * The JSON report format (`--format json`), version 1. The zod schema is the source of the
 * published JSON Schema (`docs/report.schema.json`); a test keeps the two equal and validates
 * real output against both.
 */
import { z } from 'zod';
import { CONFIDENCES, SEVERITIES } from '../severity.js';

export const REPORT_SCHEMA_URL = 'https://vigil.dev/schemas/report-v1.json';

const line = z.int().min(1);
const column = z.int().min(1);
const count = z.int().min(0);
const Severity = z.enum(SEVERITIES);

const CommitRefSchema = z
  .strictObject({
    sha: z.string().regex(/^[0-9a-f]{40,64}$/),
    author: z.string(),
    email: z.string(),
    date: z.iso.datetime({ offset: true }).describe('ISO 8601 author date.'),
  })
  .meta({ id: 'CommitRef', description: 'The commit a finding from git history was seen in.' });

const FileLocationSchema = z
  .strictObject({
    kind: z.literal('file'),
    path: z.string().min(1).describe('Relative to the scan root, with `/` separators.'),
    startLine: line,
    startColumn: column.describe('1-based, in UTF-16 code units.'),
    endLine: line,
    endColumn: column.describe('Exclusive.'),
    commit: CommitRefSchema.optional(),
  })
  .meta({ id: 'FileLocation', description: 'A 1-based line/column range in a file.' });

const PackageLocationSchema = z
  .strictObject({
    kind: z.literal('package'),
    purl: z.string().min(1).describe('Package URL, e.g. `pkg:npm/lodash@4.17.20`.'),
    file: z
      .strictObject({
        path: z.string().min(1),
        startLine: line.optional(),
        startColumn: column.optional(),
        endLine: line.optional(),
        endColumn: column.optional(),
      })
      .optional()
      .describe('The manifest or lockfile that declares the package, where known.'),
  })
  .meta({ id: 'PackageLocation', description: 'A package, by its purl.' });

const UrlLocationSchema = z
  .strictObject({ kind: z.literal('url'), url: z.url() })
  .meta({ id: 'UrlLocation', description: 'A URL, e.g. a scanned endpoint.' });

const LocationSchema = z.discriminatedUnion('kind', [
  FileLocationSchema,
  PackageLocationSchema,
  UrlLocationSchema,
]);

const FlowStepSchema = z
  .strictObject({ location: FileLocationSchema, message: z.string() })
  .meta({ id: 'FlowStep', description: 'One step of a source-to-sink data flow.' });

const SuppressionSchema = z
  .discriminatedUnion('kind', [
    z.strictObject({
      kind: z.literal('inline'),
      reason: z.string().describe('From the `vigil-ignore` comment.'),
    }),
    z.strictObject({
      kind: z.literal('config'),
      reason: z.string().describe('From the `ignore:` entry in vigil.yaml.'),
      until: z.iso.date().optional().describe('Last day the ignore applies.'),
    }),
    z.strictObject({ kind: z.literal('baseline') }),
  ])
  .meta({ id: 'Suppression', description: 'Why a finding does not count.' });

const FindingSchema = z
  .strictObject({
    ruleId: z.string().describe('`<scanner>/<rule>`, e.g. `secrets/github-pat`.'),
    scanner: z.string(),
    severity: Severity,
    confidence: z.enum(CONFIDENCES),
    title: z.string(),
    message: z.string().describe('Never contains a secret value.'),
    location: LocationSchema,
    cwe: z.array(z.string().regex(/^CWE-\d+$/)),
    remediation: z.string().optional(),
    references: z.array(z.url()),
    fingerprint: z
      .string()
      .describe('Stable across line moves; usable in `ignore:` entries and baselines.'),
    evidence: z
      .strictObject({
        redacted: z.string().describe('e.g. `ghp_…`; never the full value of a secret.'),
        length: count.describe('Length of the original matched value.'),
      })
      .optional(),
    flows: z
      .array(z.array(FlowStepSchema).min(1))
      .optional()
      .describe('Source-to-sink paths, one array of steps per path.'),
    tags: z.array(z.string()).optional(),
    aliases: z
      .array(z.string())
      .optional()
      .describe('Other ids of the same issue, e.g. the CVE and GHSA ids of an advisory.'),
    nonBlocking: z
      .string()
      .optional()
      .describe('Why this finding never fails the gate, e.g. a development-only dependency.'),
    dependency: z
      .strictObject({
        ecosystem: z.string().describe('OSV ecosystem, e.g. `npm`, `PyPI`, `Debian:12`.'),
        name: z.string(),
        version: z.string(),
        scope: z.string().describe('`prod`, `dev`, `optional` or `peer`.'),
        direct: z.boolean().describe('Declared by the project itself.'),
        paths: z
          .array(z.array(z.string()))
          .describe('Shortest dependency paths from the project, as package names.'),
        fixedIn: z.string().optional().describe('The smallest version that fixes the issue.'),
      })
      .optional()
      .describe('For findings about a third-party package.'),
    status: z
      .enum(['open', 'suppressed', 'baseline'])
      .describe('`open` counts; `suppressed` by an inline or config ignore; `baseline` if known.'),
    suppression: SuppressionSchema.optional(),
    blocking: z.boolean().describe('Whether this finding, on its own, fails the policy gate.'),
  })
  .meta({ id: 'Finding', description: 'A finding, with its status under the policy.' });

const WarningSchema = z
  .strictObject({
    code: z.string(),
    message: z.string(),
    path: z.string().optional(),
    line: line.optional(),
    column: column.optional(),
  })
  .meta({
    id: 'Warning',
    description: 'Something that did not stop the scan, e.g. an unreadable file.',
  });

export const JsonReportSchema = z
  .strictObject({
    $schema: z.literal(REPORT_SCHEMA_URL),
    version: z.literal(1).describe('Changes only when the format changes incompatibly.'),
    tool: z.strictObject({ name: z.literal('vigil'), version: z.string() }),
    root: z.string().describe('Absolute path of the scanned root.'),
    target: z.enum(['directory', 'git-history', 'staged']),
    startedAt: z.iso.datetime({ offset: true }),
    durationMs: z.number().min(0),
    scanners: z.array(z.string()).describe('Ids of the scanners that ran.'),
    summary: z.strictObject({
      total: count.describe('Open findings: those not suppressed and not in the baseline.'),
      bySeverity: z.strictObject(
        Object.fromEntries(SEVERITIES.map((severity) => [severity, count])) as Record<
          (typeof SEVERITIES)[number],
          typeof count
        >,
      ),
      suppressed: z
        .strictObject({ inline: count, config: count, baseline: count })
        .describe('Findings that do not count, by reason.'),
      blocking: count.describe('Findings that fail the policy gate.'),
    }),
    policy: z.strictObject({
      failOn: z.enum([...SEVERITIES, 'none']),
      failed: z.boolean(),
      notices: z.array(z.string()).describe('e.g. ignores that expired.'),
    }),
    stats: z.strictObject({
      filesScanned: count,
      bytesScanned: count,
      skippedBinary: count,
      skippedTooLarge: count,
      skippedUnreadable: count,
      skippedSymlinks: count,
      commitsScanned: count,
    }),
    warnings: z.array(WarningSchema),
    findings: z.array(FindingSchema).describe('Every finding, suppressed ones included.'),
  })
  .describe('A Vigil scan report (`vigil scan --format json`).');

export type JsonReport = z.output<typeof JsonReportSchema>;
export type JsonFinding = JsonReport['findings'][number];

/** The JSON Schema of the report, as published in `docs/report.schema.json`. */
export function reportJsonSchema(): Record<string, unknown> {
  const { $schema, ...rest } = z.toJSONSchema(JsonReportSchema, { io: 'output' });
  return { $schema, $id: REPORT_SCHEMA_URL, title: 'Vigil scan report', ...rest };
}

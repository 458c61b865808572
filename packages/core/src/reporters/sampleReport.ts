/**
 * A report holding every shape reporters must handle: each location kind, a git-history
 * finding, a taint flow, each suppression kind, warnings and notices. For tests only; not
 * exported from the package.
 */
import type { Finding, RuleDescriptor } from '../finding.js';
import { fingerprint } from '../fingerprint.js';
import type { EvaluatedFinding } from '../policy/applyPolicy.js';
import { emptyStats, type ScanReport } from '../report.js';

export const SAMPLE_ROOT = '/home/dev/shop';

export const sampleRules: RuleDescriptor[] = [
  {
    id: 'secrets/github-pat',
    scanner: 'secrets',
    title: 'GitHub personal access token',
    description: 'A GitHub personal access token grants access to repositories.',
    severity: 'high',
    cwe: ['CWE-798'],
    remediation: 'Revoke the token on GitHub and load it from a secret store.',
    references: ['https://docs.github.com/en/authentication'],
  },
  {
    id: 'secrets/private-key',
    scanner: 'secrets',
    title: 'Private key',
    description: 'A PEM-encoded private key.',
    severity: 'critical',
    cwe: ['CWE-321', 'CWE-798'],
    remediation: 'Rotate the key pair.',
    references: [],
  },
  {
    id: 'deps/vulnerable-package',
    scanner: 'deps',
    title: 'Vulnerable dependency',
    description: 'A dependency with a known vulnerability.',
    severity: 'medium',
    cwe: ['CWE-1395'],
    remediation: 'Upgrade to a fixed version.',
    references: ['https://osv.dev/'],
  },
  {
    id: 'sast/sql-injection',
    scanner: 'sast',
    title: 'SQL injection',
    description: 'User input reaches a SQL query unsanitised.',
    severity: 'high',
    cwe: ['CWE-89'],
    remediation: 'Use parameterised queries.',
    references: ['https://owasp.org/www-community/attacks/SQL_Injection'],
    tags: ['injection'],
  },
  {
    id: 'dast/missing-hsts',
    scanner: 'dast',
    title: 'Missing HSTS header',
    description: 'The response lacks Strict-Transport-Security.',
    severity: 'low',
    cwe: [],
    remediation: 'Send Strict-Transport-Security.',
    references: [],
  },
];

function finding(ruleId: string, path: string, overrides: Partial<Finding>): Finding {
  const rule = sampleRules.find((candidate) => candidate.id === ruleId);
  if (!rule) throw new Error(`no sample rule ${ruleId}`);
  return {
    ruleId,
    scanner: rule.scanner,
    severity: rule.severity,
    confidence: 'high',
    title: rule.title,
    message: `${rule.title} found`,
    location: { kind: 'file', path, startLine: 1, startColumn: 1, endLine: 1, endColumn: 2 },
    cwe: rule.cwe,
    remediation: rule.remediation,
    references: rule.references,
    fingerprint: fingerprint(ruleId, path, overrides.message ?? rule.title),
    ...overrides,
  };
}

const sqlInjectionFlow: Finding['flows'] = [
  [
    {
      location: {
        kind: 'file',
        path: 'src/routes/orders.ts',
        startLine: 3,
        startColumn: 10,
        endLine: 3,
        endColumn: 22,
      },
      message: 'req.query.id',
    },
    {
      location: {
        kind: 'file',
        path: 'src/db.ts',
        startLine: 12,
        startColumn: 5,
        endLine: 12,
        endColumn: 30,
      },
      message: 'db.query(sql)',
    },
  ],
];

/** Open and suppressed findings covering every reporter code path. */
export function sampleResults(): EvaluatedFinding[] {
  return [
    {
      finding: finding('secrets/github-pat', 'config/settings.env', {
        message: 'GitHub personal access token: ghp_… (40 characters)',
        location: {
          kind: 'file',
          path: 'config/settings.env',
          startLine: 2,
          startColumn: 14,
          endLine: 2,
          endColumn: 54,
        },
        evidence: { redacted: 'ghp_…', length: 40 },
      }),
      blocking: true,
    },
    {
      finding: finding('secrets/private-key', 'deploy/id_rsa', {
        location: {
          kind: 'file',
          path: 'deploy/id_rsa',
          startLine: 1,
          startColumn: 1,
          endLine: 5,
          endColumn: 32,
          commit: {
            sha: '3f1c2a9d8e7b6a5f4e3d2c1b0a9f8e7d6c5b4a39',
            author: 'Jane Doe',
            email: 'jane@example.com',
            date: '2026-02-03T04:05:06+01:00',
          },
        },
        evidence: { redacted: '…', length: 1675 },
      }),
      blocking: true,
    },
    {
      finding: finding('sast/sql-injection', 'src/db.ts', {
        confidence: 'medium',
        message: 'req.query.id flows into db.query',
        location: {
          kind: 'file',
          path: 'src/db.ts',
          startLine: 12,
          startColumn: 5,
          endLine: 12,
          endColumn: 30,
        },
        flows: sqlInjectionFlow,
        tags: ['injection'],
      }),
      blocking: true,
    },
    {
      finding: finding('deps/vulnerable-package', 'package-lock.json', {
        message: 'lodash 4.17.20 has a prototype pollution vulnerability',
        location: {
          kind: 'package',
          purl: 'pkg:npm/lodash@4.17.20',
          file: { path: 'package-lock.json', startLine: 40, startColumn: 5 },
        },
      }),
      blocking: false,
    },
    {
      finding: finding('deps/vulnerable-package', 'pkg:pypi/requests@2.0.0', {
        confidence: 'low',
        message: 'requests 2.0.0 is vulnerable',
        location: { kind: 'package', purl: 'pkg:pypi/requests@2.0.0' },
      }),
      blocking: false,
    },
    {
      finding: finding('dast/missing-hsts', 'https://shop.example.com/login', {
        message: 'No Strict-Transport-Security header',
        location: { kind: 'url', url: 'https://shop.example.com/login?next=%2F' },
      }),
      blocking: false,
    },
    {
      finding: finding('secrets/github-pat', 'test/fixtures/token.txt', {
        message: 'GitHub personal access token: ghp_… (40 characters)',
      }),
      suppression: { kind: 'inline', reason: 'test fixture, revoked' },
      blocking: false,
    },
    {
      finding: finding('secrets/github-pat', 'docs/example.md', {
        message: 'GitHub personal access token in docs',
      }),
      suppression: { kind: 'config', reason: 'documentation sample', until: '2099-12-31' },
      blocking: false,
    },
    {
      finding: finding('secrets/private-key', 'legacy/key.pem', {}),
      suppression: { kind: 'baseline' },
      blocking: false,
    },
  ];
}

/** A complete report; `overrides` replace top-level fields. */
export function sampleReport(overrides: Partial<ScanReport> = {}): ScanReport {
  return {
    tool: { name: 'vigil', version: '0.1.0' },
    root: SAMPLE_ROOT,
    target: 'directory',
    startedAt: '2026-03-01T10:00:00.000Z',
    durationMs: 812,
    scanners: ['secrets', 'deps', 'sast', 'dast', 'iac'],
    rules: sampleRules,
    results: sampleResults(),
    stats: { ...emptyStats(), filesScanned: 1234, bytesScanned: 5_600_000, skippedBinary: 3 },
    warnings: [
      { code: 'FILE_UNREADABLE', message: 'cannot read file: EACCES', path: 'secret/locked.txt' },
      { code: 'SCANNER_FAILED', message: 'sast failed on a file', path: 'src/odd.ts', line: 3 },
    ],
    policy: {
      failOn: 'high',
      failed: true,
      notices: [
        'ignore (rule secrets/generic-password) expired on 2026-01-01: 1 finding counts again',
      ],
    },
    ...overrides,
  };
}

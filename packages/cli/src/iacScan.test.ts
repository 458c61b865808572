import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compliantProject, vulnerableProject } from './iacProject.test.support.js';
import { makeTree, runVigil } from './testing.js';

interface Report {
  findings: {
    ruleId: string;
    severity: string;
    message: string;
    location: { kind: string; path: string; startLine: number; startColumn: number };
  }[];
  warnings: { code: string; message: string; path?: string; line?: number; column?: number }[];
  policy: { failed: boolean };
}

function scan(files: Record<string, string>): {
  status: number | null;
  stdout: string;
  report: Report;
} {
  const root = makeTree(files);
  const result = runVigil(['scan', root, '--scanners', 'iac', '--format', 'json'], root);
  assert.ok(result.status === 0 || result.status === 1, result.stderr);
  return {
    status: result.status,
    stdout: result.stdout,
    report: JSON.parse(result.stdout) as Report,
  };
}

/** Checked by hand against the planted misconfigurations of `vulnerableProject`. */
const expected = [
  '.github/workflows/ci.yml:3:3 iac/gha-missing-permissions medium',
  '.github/workflows/ci.yml:4:14 iac/gha-self-hosted-runner-public-trigger high',
  '.github/workflows/ci.yml:6:15 iac/gha-unpinned-first-party-action low',
  '.github/workflows/ci.yml:8:16 iac/gha-untrusted-checkout critical',
  '.github/workflows/ci.yml:10:17 iac/gha-script-injection high',
  '.github/workflows/ci.yml:13:22 iac/gha-secrets-in-untrusted-context high',
  '.github/workflows/ci.yml:14:15 iac/gha-unpinned-action medium',
  'Dockerfile:2:6 iac/dockerfile-base-image-not-approved high',
  'Dockerfile:2:6 iac/dockerfile-image-not-pinned-by-digest low',
  'Dockerfile:3:5 iac/dockerfile-curl-pipe-shell high',
  'Dockerfile:5:1 iac/dockerfile-missing-healthcheck info',
  'Dockerfile:5:1 iac/dockerfile-root-user high',
  'Dockerfile:5:6 iac/dockerfile-image-not-pinned-by-digest low',
  'Dockerfile:6:5 iac/dockerfile-secret-in-env high',
  'Dockerfile:8:23 iac/dockerfile-package-cache-kept low',
  'Dockerfile:8:23 iac/dockerfile-package-version-unpinned low',
  'Dockerfile:9:8 iac/dockerfile-ssh-port-exposed medium',
  'deploy/app.yaml:2:7 iac/k8s-namespace-without-default-deny high',
  'deploy/app.yaml:8:5 iac/k8s-service-account-token-automount medium',
  'deploy/app.yaml:9:7 iac/k8s-host-namespace high',
  'deploy/app.yaml:11:11 iac/k8s-missing-resource-limits low',
  'deploy/app.yaml:12:18 iac/k8s-image-latest-tag medium',
  'deploy/app.yaml:12:18 iac/k8s-image-not-pinned-by-digest low',
  'deploy/app.yaml:12:18 iac/k8s-image-registry-not-approved high',
  'deploy/app.yaml:13:11 iac/k8s-capabilities-not-dropped low',
  'deploy/app.yaml:13:11 iac/k8s-privilege-escalation-allowed medium',
  'deploy/app.yaml:13:11 iac/k8s-run-as-root medium',
  'deploy/app.yaml:13:11 iac/k8s-writable-root-filesystem low',
  'deploy/app.yaml:14:13 iac/k8s-privileged-container critical',
  'deploy/app.yaml:17:15 iac/k8s-secret-in-env high',
  'deploy/app.yaml:23:9 iac/k8s-service-exposed medium',
  'deploy/app.yaml:30:1 iac/k8s-ingress-without-tls medium',
  'deploy/istio.yaml:5:16 iac/istio-mtls-not-strict high',
  'deploy/istio.yaml:11:14 iac/istio-authorization-selector-unmatched medium',
  'deploy/istio.yaml:13:7 iac/istio-authorization-allows-all high',
  'deploy/network.yaml:8:7 iac/k8s-network-policy-allows-all high',
];

function byPlace(a: string, b: string): number {
  const key = (line: string): [string, number, number, string] => {
    const match = /^(.*):(\d+):(\d+) (.*)$/.exec(line);
    return [match?.[1] ?? '', Number(match?.[2]), Number(match?.[3]), match?.[4] ?? ''];
  };
  const [pathA, lineA, columnA, restA] = key(a);
  const [pathB, lineB, columnB, restB] = key(b);
  return (
    pathA.localeCompare(pathB) || lineA - lineB || columnA - columnB || restA.localeCompare(restB)
  );
}

test('vigil scan --scanners iac: exactly the planted misconfigurations, at their lines and columns', () => {
  const { status, stdout, report } = scan(vulnerableProject);
  const found = report.findings
    .map(
      (finding) =>
        `${finding.location.path}:${String(finding.location.startLine)}:${String(finding.location.startColumn)} ${finding.ruleId} ${finding.severity}`,
    )
    .sort(byPlace);
  assert.deepEqual(found, [...expected].sort(byPlace));
  assert.equal(status, 1, 'critical and high findings fail the gate');
  assert.deepEqual(
    report.warnings.map(
      (warning) => `${warning.code} ${warning.path ?? ''}:${String(warning.line)}`,
    ),
    ['MANIFEST_TEMPLATED charts/shop/templates/deployment.yaml:1'],
  );
  for (const secret of ['not-a-real-token', 'hunter2-hunter2']) {
    assert.ok(!stdout.includes(secret), 'secret values never reach the report');
  }
});

test('the compliant twin gives no finding and no warning', () => {
  const { status, report } = scan(compliantProject);
  assert.deepEqual(
    report.findings.map(
      (finding) =>
        `${finding.location.path}:${String(finding.location.startLine)} ${finding.ruleId}`,
    ),
    [],
  );
  assert.deepEqual(report.warnings, []);
  assert.equal(status, 0);
});

test('vigil rules lists the iac rules, and iac.disable turns one off', () => {
  const root = makeTree({
    'vigil.yaml': 'iac:\n  disable: [iac/dockerfile-missing-healthcheck]\n',
  });
  const rules = runVigil(['rules', '--format', 'json'], root);
  assert.equal(rules.status, 0, rules.stderr);
  const ids = (JSON.parse(rules.stdout) as { id: string }[]).map((rule) => rule.id);
  assert.ok(ids.includes('iac/dockerfile-root-user'));
  assert.ok(ids.includes('iac/gha-script-injection'));
  assert.ok(ids.includes('iac/istio-mtls-not-strict'));

  const disabled = scan({
    ...vulnerableProject,
    'vigil.yaml': 'iac:\n  disable: [iac/dockerfile-missing-healthcheck, k8s-host-namespace]\n',
  });
  const found = new Set(disabled.report.findings.map((finding) => finding.ruleId));
  assert.ok(!found.has('iac/dockerfile-missing-healthcheck'));
  assert.ok(!found.has('iac/k8s-host-namespace'));
  assert.ok(found.has('iac/dockerfile-root-user'));
});

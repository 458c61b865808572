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
  // Terraform: values from variable defaults (aws, gcp), locals and terraform.tfvars (azure).
  'infra/aws/main.tf:7:3 iac/tf-aws-s3-public-acl high',
  'infra/aws/main.tf:13:3 iac/tf-aws-admin-port-open critical',
  'infra/aws/main.tf:26:3 iac/tf-aws-rds-public high',
  'infra/aws/main.tf:27:3 iac/tf-aws-rds-unencrypted high',
  'infra/aws/main.tf:32:3 iac/tf-aws-iam-wildcard-policy high',
  'infra/aws/main.tf:46:3 iac/tf-aws-weak-tls-policy medium',
  'infra/aws/main.tf:59:3 iac/tf-aws-logging-disabled medium',
  'infra/gcp/main.tf:13:3 iac/tf-gcp-admin-port-open critical',
  'infra/gcp/main.tf:24:3 iac/tf-gcp-storage-public-access high',
  'infra/gcp/main.tf:33:7 iac/tf-gcp-sql-unencrypted-connections medium',
  'infra/gcp/main.tf:36:9 iac/tf-gcp-sql-open-to-internet high',
  'infra/gcp/main.tf:45:3 iac/tf-gcp-weak-ssl-policy medium',
  'infra/azure/main.tf:15:3 iac/tf-azure-tls-below-1-2 medium',
  'infra/azure/main.tf:21:3 iac/tf-azure-storage-container-public high',
  'infra/azure/main.tf:24:1 iac/tf-azure-admin-port-open critical',
  'infra/azure/main.tf:47:5 iac/tf-azure-managed-disk-encryption-disabled medium',
  // nginx, intermediate profile; the 1024-bit dhparam.pem is read from the tree.
  'nginx/conf.d/shop.conf:7:1 iac/tls-hsts-missing low',
  'nginx/conf.d/shop.conf:14:5 iac/tls-weak-dh medium',
  'nginx/conf.d/shop.conf:15:5 iac/tls-protocol-below-profile medium',
  'nginx/conf.d/shop.conf:16:5 iac/tls-cipher-outside-profile medium',
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
  assert.ok(ids.includes('iac/tf-azure-db-firewall-open'));
  assert.ok(ids.includes('iac/tls-cipher-outside-profile'));

  const disabled = scan({
    ...vulnerableProject,
    'vigil.yaml':
      'iac:\n  disable: [iac/dockerfile-missing-healthcheck, k8s-host-namespace, tf-gcp-weak-ssl-policy, iac/tls-hsts-missing]\n',
  });
  const found = new Set(disabled.report.findings.map((finding) => finding.ruleId));
  for (const id of [
    'dockerfile-missing-healthcheck',
    'k8s-host-namespace',
    'tf-gcp-weak-ssl-policy',
    'tls-hsts-missing',
  ])
    assert.ok(!found.has(`iac/${id}`), id);
  assert.ok(found.has('iac/dockerfile-root-user'));
  assert.ok(found.has('iac/tf-gcp-admin-port-open') && found.has('iac/tls-weak-dh'));
});

test('SARIF describes Terraform and TLS rules like every other iac rule', () => {
  const root = makeTree(vulnerableProject);
  const result = runVigil(['scan', root, '--scanners', 'iac', '--format', 'sarif'], root);
  assert.equal(result.status, 1, result.stderr);
  const sarif = JSON.parse(result.stdout) as {
    runs: {
      tool: {
        driver: { rules: { id: string; help: { text: string }; properties: { tags: string[] } }[] };
      };
      results: { ruleId: string }[];
    }[];
  };
  const run = sarif.runs[0];
  assert.ok(run);
  const tagsOf = (id: string) =>
    run.tool.driver.rules.find((rule) => rule.id === id)?.properties.tags;
  assert.deepEqual(tagsOf('iac/tf-gcp-sql-open-to-internet'), [
    'security',
    'external/cwe/cwe-284',
    'iac',
    'terraform',
    'gcp',
  ]);
  assert.deepEqual(tagsOf('iac/tls-weak-dh'), ['security', 'external/cwe/cwe-326', 'iac', 'tls']);
  assert.deepEqual(tagsOf('iac/dockerfile-root-user'), [
    'security',
    'external/cwe/cwe-250',
    'iac',
    'dockerfile',
  ]);
  const results = new Set(run.results.map((r) => r.ruleId));
  assert.ok(results.has('iac/tf-azure-admin-port-open') && results.has('iac/tls-hsts-missing'));
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { defaultConfig } from '@vigil/core';
import { iacScanner } from './iacScanner.js';
import { examplePod } from './rules/kubernetesRules.js';
import { scanFiles } from './scanFiles.test.support.js';

test('rules(): requireDigest raises the digest rules, disable removes rules', () => {
  const config = defaultConfig();
  const severity = (id: string, settings = config): string | undefined =>
    iacScanner.rules(settings).find((rule) => rule.id === id)?.severity;
  assert.equal(severity('iac/k8s-image-not-pinned-by-digest'), 'low');
  const strict = {
    ...config,
    iac: { ...config.iac, requireDigest: true, disable: ['iac/gha-unpinned-action'] },
  };
  assert.equal(severity('iac/k8s-image-not-pinned-by-digest', strict), 'high');
  assert.equal(severity('iac/dockerfile-image-not-pinned-by-digest', strict), 'high');
  assert.equal(severity('iac/gha-unpinned-action', strict), undefined);
});

test('accepts Dockerfiles, YAML, JSON, Terraform and server configurations only', () => {
  const scanner = iacScanner.create({ root: '/', config: defaultConfig(), warn: () => undefined });
  for (const path of [
    'Dockerfile',
    'app/Containerfile',
    'build/api.Dockerfile',
    'Dockerfile.prod',
    'k8s/a.yaml',
    'x.yml',
    'm.json',
    'infra/main.tf',
    'infra/terraform.tfvars',
    'infra/prod.auto.tfvars',
    'nginx/nginx.conf',
    'conf.d/site.conf',
    'haproxy.cfg',
  ]) {
    assert.ok(scanner.accepts?.(path), path);
  }
  for (const path of [
    'Dockerfile.md',
    'docs/dockerfile.txt',
    'src/main.ts',
    '.dockerignore',
    'README.md',
    'infra/prod.tfvars',
    'infra/.terraform/modules/vpc/main.tf',
  ]) {
    assert.ok(!scanner.accepts?.(path), path);
  }
});

test('a large manifest set (1,000 workloads in 5 MB) scans in seconds', async () => {
  const workloads = Array.from({ length: 1000 }, (_, index) =>
    examplePod({
      kind: 'Deployment',
      namespace: `ns${String(index % 50)}`,
      image: `nginx:1.${String(index)}`,
    }),
  );
  const padding = `# ${'x'.repeat(4000)}\n`;
  const text = workloads.map((workload) => `${padding}${workload}`).join('---\n');
  assert.ok(text.length > 4_000_000);
  const started = performance.now();
  const { findings, warnings } = await scanFiles({ 'all.yaml': text });
  const elapsed = performance.now() - started;
  assert.deepEqual(warnings, []);
  assert.equal(
    findings.filter((f) => f.ruleId === 'iac/k8s-namespace-without-default-deny').length,
    50,
  );
  assert.equal(
    findings.filter((f) => f.ruleId === 'iac/k8s-image-not-pinned-by-digest').length,
    1000,
  );
  assert.ok(elapsed < 20_000, `took ${String(Math.round(elapsed))} ms`);
});

const publicAcl = (acl: string) =>
  `resource "aws_s3_bucket" "site" {\n  bucket = "site"\n  acl    = ${acl}\n}\n`;

test("Terraform: variables resolve across a module's files, tfvars override defaults", async () => {
  const variables = 'variable "acl" {\n  default = "private"\n}\n';
  const compliant = await scanFiles({
    'infra/main.tf': publicAcl('var.acl'),
    'infra/variables.tf': variables,
  });
  assert.deepEqual(compliant, { findings: [], warnings: [] });
  const { findings, warnings } = await scanFiles({
    'infra/main.tf': publicAcl('var.acl'),
    'infra/variables.tf': variables,
    'infra/terraform.tfvars': 'acl = "public-read"\n',
    // Another module: its own variables, and not the tfvars of infra/.
    'other/main.tf': publicAcl('var.acl'),
  });
  assert.deepEqual(warnings, []);
  assert.deepEqual(
    findings.map((f) => [f.ruleId, f.location.kind === 'file' ? f.location.path : '', f.tags]),
    [['iac/tf-aws-s3-public-acl', 'infra/main.tf', ['security', 'iac', 'terraform', 'aws']]],
  );
});

test('Terraform: a file that does not parse is a warning naming file and line; the rest is checked', async () => {
  const { findings, warnings } = await scanFiles({
    'infra/broken.tf': 'resource "aws_s3_bucket" "a" {\n  acl = \n}\n',
    'infra/main.tf': publicAcl('"public-read"'),
    'template/main.tf': '{{ cookiecutter.resources }}\n',
  });
  assert.deepEqual(
    findings.map((f) => f.ruleId),
    ['iac/tf-aws-s3-public-acl'],
  );
  assert.deepEqual(
    warnings.map((w) => `${w.code} ${w.path ?? ''}:${String(w.line)}`),
    ['TERRAFORM_UNPARSED infra/broken.tf:2', 'TERRAFORM_TEMPLATED template/main.tf:1'],
  );
  assert.match(warnings[1]?.message ?? '', /templated Terraform file .*render it first/);
});

test('iac.disable turns Terraform and TLS rules off', async () => {
  const { findings } = await scanFiles({ 'main.tf': publicAcl('"public-read"') });
  assert.equal(findings.length, 1);
  const config = defaultConfig();
  const ids = iacScanner
    .rules({
      ...config,
      iac: { ...config.iac, disable: ['tf-aws-s3-public-acl', 'iac/tls-weak-dh'] },
    })
    .map((rule) => rule.id);
  assert.ok(!ids.includes('iac/tf-aws-s3-public-acl') && !ids.includes('iac/tls-weak-dh'));
  assert.ok(ids.includes('iac/tf-gcp-admin-port-open') && ids.includes('iac/tls-hsts-missing'));
});

const nginxServer = (protocols: string) =>
  `server {\n    listen 443 ssl;\n    ssl_protocols ${protocols};\n    add_header Strict-Transport-Security "max-age=63072000" always;\n}\n`;

test('TLS: nginx, Apache and HAProxy files are checked against iac.tlsProfile', async () => {
  const files = {
    'nginx/conf.d/site.conf': nginxServer('TLSv1.2 TLSv1.3'),
    'apache2/sites-available/site.conf':
      '<VirtualHost *:443>\n    SSLEngine on\n    SSLProtocol -all +TLSv1.1 +TLSv1.2\n    Header always set Strict-Transport-Security "max-age=63072000"\n</VirtualHost>\n',
    'haproxy.cfg':
      'global\n    ssl-default-bind-options ssl-min-ver TLSv1.0\nfrontend fe\n    bind :443 ssl crt /etc/ssl/site.pem\n    http-response set-header Strict-Transport-Security "max-age=63072000"\n',
  };
  const place = (f: { ruleId: string; location: { kind: string } }) =>
    `${f.location.kind === 'file' && 'path' in f.location ? String(f.location.path) : ''} ${f.ruleId}`;
  const intermediate = await scanFiles(files);
  assert.deepEqual(intermediate.warnings, []);
  assert.deepEqual(intermediate.findings.map(place).sort(), [
    'apache2/sites-available/site.conf iac/tls-protocol-below-profile',
    'haproxy.cfg iac/tls-protocol-below-profile',
  ]);
  const modern = await scanFiles(files, { tlsProfile: 'modern' });
  assert.deepEqual(
    modern.findings
      .filter((f) => f.ruleId === 'iac/tls-protocol-below-profile')
      .map(place)
      .sort(),
    [
      'apache2/sites-available/site.conf iac/tls-protocol-below-profile',
      'haproxy.cfg iac/tls-protocol-below-profile',
      'nginx/conf.d/site.conf iac/tls-protocol-below-profile',
    ],
  );
});

test('TLS: syntax errors and templates are warnings naming file and line; the scan goes on', async () => {
  const { findings, warnings } = await scanFiles({
    'nginx/broken.conf': `${nginxServer('TLSv1 TLSv1.2')}server {\n    listen 443 ssl;\n`,
    'nginx/templated.conf': 'server {\n    listen 443 ssl;\n    {% for p in protocols %}\n}\n',
    'nginx/ok.conf': nginxServer('TLSv1.1 TLSv1.2'),
  });
  assert.deepEqual(
    findings.map((f) => `${f.location.kind === 'file' ? f.location.path : ''} ${f.ruleId}`).sort(),
    [
      // The unclosed second server is read up to the end of the file: it sends no HSTS.
      'nginx/broken.conf iac/tls-hsts-missing',
      'nginx/broken.conf iac/tls-protocol-below-profile',
      'nginx/ok.conf iac/tls-protocol-below-profile',
    ],
  );
  assert.deepEqual(
    warnings.map((w) => `${w.code} ${w.path ?? ''}:${String(w.line)}`),
    ['TLS_CONFIG_UNPARSED nginx/broken.conf:6', 'TLS_CONFIG_TEMPLATED nginx/templated.conf:3'],
  );
});

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

test('accepts Dockerfiles, YAML and JSON only', () => {
  const scanner = iacScanner.create({ root: '/', config: defaultConfig(), warn: () => undefined });
  for (const path of [
    'Dockerfile',
    'app/Containerfile',
    'build/api.Dockerfile',
    'Dockerfile.prod',
    'k8s/a.yaml',
    'x.yml',
    'm.json',
  ]) {
    assert.ok(scanner.accepts?.(path), path);
  }
  for (const path of [
    'Dockerfile.md',
    'docs/dockerfile.txt',
    'src/main.ts',
    '.dockerignore',
    'README.md',
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

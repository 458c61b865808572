import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sourceFile } from '@vigil/core';
import { compileRules } from '../compileRules.js';
import { detectSecrets } from '../detectSecrets.js';
import { secretRules } from './index.js';

const ruleSet = compileRules(secretRules);

function findingsFor(text: string, path = 'src/config.txt') {
  return detectSecrets(sourceFile(path, Buffer.from(text)), ruleSet);
}

test('there are at least 150 rules with unique kebab-case ids', () => {
  assert.ok(secretRules.length >= 150, `only ${secretRules.length} rules`);
  const ids = new Set<string>();
  for (const rule of secretRules) {
    assert.match(rule.id, /^[a-z0-9]+(?:-[a-z0-9]+)*$/, rule.id);
    assert.ok(!ids.has(rule.id), `duplicate id ${rule.id}`);
    ids.add(rule.id);
  }
});

for (const rule of secretRules) {
  test(`rule ${rule.id}`, async (t) => {
    await t.test('is well formed', () => {
      assert.ok(
        rule.keywords.length > 0 || rule.paths,
        'needs keywords (or paths) for the prefilter',
      );
      for (const keyword of rule.keywords) {
        assert.equal(keyword, keyword.toLowerCase(), `keyword ${keyword} must be lower case`);
        assert.match(keyword, /^[\x20-\x7e]+$/, `keyword ${keyword} must be printable ASCII`);
      }
      assert.ok(
        Boolean(rule.pattern) !== Boolean(rule.detect),
        'needs exactly one of pattern/detect',
      );
      assert.ok(!rule.pattern?.flags.includes('g'), 'pattern must not carry the g flag');
      assert.ok(rule.title && rule.description, 'needs a title and a description');
      assert.ok(rule.references.length > 0, 'needs at least one reference');
      assert.ok(rule.examples.match.length > 0 && rule.examples.noMatch.length > 0);
    });

    for (const [index, example] of rule.examples.match.entries()) {
      await t.test(`finds match example ${index}`, () => {
        const lower = example.toLowerCase();
        assert.ok(
          rule.keywords.length === 0 || rule.keywords.some((keyword) => lower.includes(keyword)),
          'no keyword occurs in the example, so the prefilter would skip it',
        );
        const findings = findingsFor(example, rule.paths ? examplePath(rule.paths) : undefined);
        const ids = findings.map((finding) => finding.ruleId);
        assert.ok(ids.includes(`secrets/${rule.id}`), `found ${ids.join(', ') || 'nothing'}`);
      });
    }

    for (const [index, example] of rule.examples.noMatch.entries()) {
      await t.test(`ignores no-match example ${index}`, () => {
        const findings = findingsFor(example, rule.paths ? examplePath(rule.paths) : undefined);
        const ids = findings.map((finding) => finding.ruleId);
        assert.ok(!ids.includes(`secrets/${rule.id}`), `found ${ids.join(', ')}`);
      });
    }
  });
}

/** A path the rule's `paths` filter accepts, taken from the filter's own examples. */
function examplePath(paths: RegExp): string {
  const candidates = [
    '.npmrc',
    '.pypirc',
    '.netrc',
    '.git-credentials',
    '.docker/config.json',
    'config/secret.yaml',
    'deploy/secret.yml',
    '.htpasswd',
    'etc/shadow',
    'config/master.key',
    'settings.gradle',
    'gradle.properties',
    '.env',
  ];
  const path = candidates.find((candidate) => paths.test(candidate));
  assert.ok(path, `no known example path matches ${String(paths)}`);
  return path;
}

test('no finding carries the secret value', () => {
  for (const rule of secretRules) {
    for (const example of rule.examples.match) {
      const findings = findingsFor(example, rule.paths ? examplePath(rule.paths) : undefined);
      for (const finding of findings) {
        const serialised = JSON.stringify(finding);
        const length = finding.evidence?.length ?? 0;
        const start = finding.location.kind === 'file' ? finding.location.startColumn - 1 : 0;
        const line =
          example.split('\n')[
            (finding.location.kind === 'file' ? finding.location.startLine : 1) - 1
          ] ?? '';
        const secret = line.slice(start, start + length);
        if (secret.length >= 8) assert.ok(!serialised.includes(secret), `${rule.id} leaked`);
      }
    }
  }
});

test('no rule backtracks catastrophically on long adversarial lines', () => {
  // A generous budget: a linear regex takes well under a millisecond per rule here;
  // exponential or polynomial backtracking takes seconds to hours.
  const budgetMs = 1500;
  const fillers = ['a', 'A1', '=', ' ', '-', '_', '0', ':', '/', '"', "'", '.', '+', '@'];
  for (const { rule, pattern } of ruleSet.rules) {
    if (!pattern) continue;
    for (const keyword of keywordSpellings(rule)) {
      const inputs = fillers.map((filler) => `${keyword}${filler.repeat(20_000)}`);
      inputs.push(`${keyword}=`.repeat(5_000), `${keyword}: "${'a1'.repeat(10_000)}`);
      const started = performance.now();
      for (const input of inputs) {
        pattern.lastIndex = 0;
        while (pattern.exec(input)) {
          /* drain */
        }
      }
      const elapsed = performance.now() - started;
      assert.ok(
        elapsed < budgetMs,
        `${rule.id} took ${elapsed.toFixed(0)} ms on keyword ${keyword}`,
      );
    }
  }
});

/**
 * Each keyword as written in lower case, upper case and as the rule's own examples spell it,
 * so case-sensitive patterns (PEM headers, `eyJ`) also start matching on the adversarial input.
 */
function keywordSpellings(rule: (typeof secretRules)[number]): Set<string> {
  const spellings = new Set<string>(rule.keywords.length === 0 ? [''] : []);
  for (const keyword of rule.keywords) {
    spellings.add(keyword).add(keyword.toUpperCase());
    for (const example of rule.examples.match) {
      const at = example.toLowerCase().indexOf(keyword);
      if (at >= 0) spellings.add(example.slice(at, at + keyword.length));
    }
  }
  return spellings;
}

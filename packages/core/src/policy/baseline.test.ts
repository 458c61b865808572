import { test } from 'node:test';
import assert from 'node:assert/strict';
import { VigilError } from '../error.js';
import type { Finding, Location } from '../finding.js';
import { createBaseline, parseBaseline } from './baseline.js';

function finding(ruleId: string, fp: string, location: Location): Finding {
  return {
    ruleId,
    scanner: 'secrets',
    severity: 'high',
    confidence: 'high',
    title: ruleId,
    message: ruleId,
    location,
    cwe: [],
    references: [],
    fingerprint: fp,
  };
}

function at(path: string, line: number): Location {
  return { kind: 'file', path, startLine: line, startColumn: 1, endLine: line, endColumn: 5 };
}

const NOW = new Date('2026-03-15T10:20:30.000Z');

test('createBaseline keeps one entry per fingerprint, sorted, with rule and path', () => {
  const findings = [
    finding('secrets/b', 'ffff', at('z.txt', 9)),
    finding('secrets/a', '0aaa', at('a.txt', 1)),
    finding('secrets/b', 'ffff', at('z.txt', 40)),
    finding('deps/vuln', '7777', {
      kind: 'package',
      purl: 'pkg:npm/x@1.0.0',
      file: { path: 'package-lock.json' },
    }),
    finding('deps/vuln', '8888', { kind: 'package', purl: 'pkg:npm/y@2.0.0' }),
    finding('dast/hsts', '1111', { kind: 'url', url: 'https://shop.test/' }),
  ];
  assert.deepEqual(createBaseline(findings, NOW), {
    version: 1,
    tool: 'vigil',
    createdAt: '2026-03-15T10:20:30.000Z',
    findings: [
      { fingerprint: '0aaa', ruleId: 'secrets/a', path: 'a.txt' },
      { fingerprint: '1111', ruleId: 'dast/hsts', path: 'https://shop.test/' },
      { fingerprint: '7777', ruleId: 'deps/vuln', path: 'package-lock.json' },
      { fingerprint: '8888', ruleId: 'deps/vuln', path: 'pkg:npm/y@2.0.0' },
      { fingerprint: 'ffff', ruleId: 'secrets/b', path: 'z.txt' },
    ],
  });
});

test('createBaseline gives the same file for the same findings in any order', () => {
  const findings = [
    finding('r/1', 'c3', at('c', 1)),
    finding('r/1', 'a1', at('a', 1)),
    finding('r/1', 'b2', at('b', 1)),
  ];
  assert.deepEqual(createBaseline(findings, NOW), createBaseline([...findings].reverse(), NOW));
});

test('parseBaseline reads back what createBaseline wrote', () => {
  const findings = [finding('r/1', 'f1', at('a', 1)), finding('r/2', 'f2', at('b', 2))];
  const text = `${JSON.stringify(createBaseline(findings, NOW), null, 2)}\n`;
  assert.deepEqual(parseBaseline(text, 'vigil-baseline.json'), new Set(['f1', 'f2']));
});

test('parseBaseline accepts an empty baseline', () => {
  const text = JSON.stringify(createBaseline([], NOW));
  assert.deepEqual(parseBaseline(text, 'b.json'), new Set());
});

function assertInvalid(text: string, pattern?: RegExp): void {
  assert.throws(
    () => parseBaseline(text, 'ci/vigil-baseline.json'),
    (error: unknown) => {
      assert.ok(error instanceof VigilError, String(error));
      assert.equal(error.code, 'BASELINE_INVALID');
      assert.match(error.message, /ci\/vigil-baseline\.json/);
      if (pattern) assert.match(error.message, pattern);
      return true;
    },
  );
}

test('a file that is not JSON is BASELINE_INVALID, naming the file', () => {
  assertInvalid('', /not JSON/);
  assertInvalid('{"version": 1,', /not JSON/);
  assertInvalid('fingerprint: abc\n', /not JSON/);
});

test('JSON of the wrong shape is BASELINE_INVALID, naming the file and the bad key', () => {
  const valid = createBaseline([finding('r/1', 'f1', at('a', 1))], NOW);
  assertInvalid('null');
  assertInvalid('[]');
  assertInvalid(JSON.stringify({ ...valid, version: 2 }), /version/);
  assertInvalid(JSON.stringify({ ...valid, tool: 'gitleaks' }), /tool/);
  assertInvalid(JSON.stringify({ ...valid, findings: {} }), /findings/);
  assertInvalid(
    JSON.stringify({ ...valid, findings: [{ ruleId: 'r/1', fingerprint: '' }] }),
    /findings\.0\.fingerprint/,
  );
  assertInvalid(JSON.stringify({ ...valid, createdAt: undefined }), /createdAt/);
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { scanFileSet } from './scanFileSet.js';

// The labelled corpus (packages/code/corpus): each vulnerable snippet names the rule it must
// trigger on its first line; safe snippets must produce no finding at all.
const corpus = new URL('../corpus/', import.meta.url);

function snippets(kind: 'vulnerable' | 'safe'): [string, string][] {
  const directory = new URL(`${kind}/`, corpus);
  return readdirSync(directory)
    .sort()
    .map((name) => [name, readFileSync(new URL(name, directory), 'utf8')]);
}

test('the corpus has at least 60 snippets, half of them safe', () => {
  const vulnerable = snippets('vulnerable').length;
  const safe = snippets('safe').length;
  assert.ok(vulnerable + safe >= 60, `${String(vulnerable + safe)} snippets`);
  assert.ok(safe >= vulnerable, `${String(safe)} safe, ${String(vulnerable)} vulnerable`);
});

test('every vulnerable snippet is reported with its rule', async () => {
  const missed: string[] = [];
  for (const [name, text] of snippets('vulnerable')) {
    const expected = /^\/\/ expect: (code\/[a-z-]+)/.exec(text)?.[1];
    assert.ok(expected, `${name}: first line must be \`// expect: code/<rule>\``);
    const { findings, warnings } = await scanFileSet([[name, text]]);
    assert.deepEqual(warnings, [], name);
    if (!findings.some((finding) => finding.ruleId === expected)) {
      missed.push(
        `${name} (${expected}; got ${findings.map((f) => f.ruleId).join(', ') || 'nothing'})`,
      );
    }
  }
  assert.deepEqual(missed, []);
});

test('no safe snippet is reported', async () => {
  const reported: string[] = [];
  for (const [name, text] of snippets('safe')) {
    const { findings, warnings } = await scanFileSet([[name, text]]);
    assert.deepEqual(warnings, [], name);
    for (const finding of findings) {
      const line = finding.location.kind === 'file' ? finding.location.startLine : 0;
      reported.push(`${name}:${String(line)} ${finding.ruleId}`);
    }
  }
  assert.deepEqual(reported, []);
});

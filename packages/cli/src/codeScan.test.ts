import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const bin = new URL('../bin/vigil.js', import.meta.url).pathname;

function scan(
  root: string,
  args: string[],
): {
  status: number | null;
  report: { findings: { ruleId: string; flows?: unknown[][] }[] };
} {
  const result = spawnSync(
    process.execPath,
    [bin, 'scan', root, '--scanners', 'code', '--format', 'json', ...args],
    {
      encoding: 'utf8',
    },
  );
  return { status: result.status, report: JSON.parse(result.stdout) as never };
}

test('vigil scan --scanners code: a taint finding with its flow, and --sources exports / code.sources', () => {
  const root = mkdtempSync(join(tmpdir(), 'vigil-code-'));
  try {
    writeFileSync(
      join(root, 'server.js'),
      "const { exec } = require('child_process');\napp.get('/', (req, res) => exec('ls ' + req.query.dir));\n",
    );
    writeFileSync(
      join(root, 'lib.js'),
      "const fs = require('fs');\nexports.read = (name) => fs.readFileSync('/data/' + name);\n",
    );
    const plain = scan(root, []);
    assert.equal(plain.status, 1);
    assert.deepEqual(
      plain.report.findings.map((finding) => finding.ruleId),
      ['code/command-injection'],
    );
    assert.equal(plain.report.findings[0]?.flows?.[0]?.length, 2);
    const library = scan(root, ['--sources', 'exports']);
    assert.deepEqual(library.report.findings.map((finding) => finding.ruleId).sort(), [
      'code/command-injection',
      'code/path-traversal',
    ]);
    writeFileSync(join(root, 'vigil.yaml'), 'code:\n  sources: exports\n');
    assert.equal(scan(root, []).report.findings.length, 2);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

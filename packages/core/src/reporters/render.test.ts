import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FORMATS, render } from './render.js';
import { sampleReport } from './sampleReport.js';

test('render dispatches every format to its reporter', () => {
  const report = sampleReport();
  const outputs = Object.fromEntries(
    FORMATS.map((format) => [format, render(format, report, { color: false })]),
  );
  assert.match(outputs.table ?? '', /policy FAILED/);
  assert.equal((JSON.parse(outputs.json ?? '') as { version: number }).version, 1);
  assert.equal((JSON.parse(outputs.sarif ?? '') as { version: string }).version, '2.1.0');
  assert.match(outputs.junit ?? '', /^<\?xml[^>]*>\n<testsuites /);
});

test('only the table is coloured', () => {
  const report = sampleReport();
  assert.ok(render('table', report, { color: true }).includes('\u001b['));
  for (const format of FORMATS.filter((candidate) => candidate !== 'table')) {
    assert.ok(!render(format, report, { color: true }).includes('\u001b'), format);
  }
});

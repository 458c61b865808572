import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fixtureText } from './fixtureInventories.js';
import { isCycloneDxFile } from './isCycloneDxFile.js';

test('names CycloneDX tools write', () => {
  for (const path of [
    'bom.json',
    'sbom.json',
    'BOM.JSON',
    'dist/app.cdx.json',
    'out/app-1.0.bom.json',
    'reports/x.sbom.json',
    'C:\\build\\bom.json',
  ]) {
    assert.ok(isCycloneDxFile(path), path);
  }
  for (const path of [
    'package.json',
    'bom.xml',
    'cdx.json.bak',
    'bom.json/readme.md',
    'abom.json',
    '.cdx.json',
  ]) {
    assert.ok(!isCycloneDxFile(path), path);
  }
});

test('with the text, the content decides for any JSON file', () => {
  const real = fixtureText('npm-app/bom.1.6.cdx.json');
  assert.ok(isCycloneDxFile('bom.1.6.cdx.json', real));
  assert.ok(isCycloneDxFile('odd-name.json', real), 'content over name');
  assert.ok(isCycloneDxFile('bom.json', '{"specVersion":"1.5",\n"bomFormat" :\t"CycloneDX"}'));
  assert.ok(
    !isCycloneDxFile('bom.json', '{"spdxVersion": "SPDX-2.3", "SPDXID": "SPDXRef-DOCUMENT"}'),
  );
  assert.ok(
    !isCycloneDxFile('bom.json', '{"bomFormat": "cyclonedx"}'),
    'the value is case-sensitive',
  );
  assert.ok(!isCycloneDxFile('bom.xml', '<bom xmlns="http://cyclonedx.org/schema/bom/1.6"/>'));
  assert.ok(!isCycloneDxFile('bom.json', ''));
  const started = performance.now();
  assert.ok(!isCycloneDxFile('bom.json', `{"a":"${'"bomFormat" '.repeat(500_000)}"}`));
  assert.ok(performance.now() - started < 2000);
});

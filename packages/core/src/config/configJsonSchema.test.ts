import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { parse } from 'yaml';
import { configJsonSchema } from './configJsonSchema.js';

const schemaFile = fileURLToPath(new URL('../../../../docs/vigil.schema.json', import.meta.url));

test('docs/vigil.schema.json is the schema generated from the config schema', () => {
  const committed = JSON.parse(readFileSync(schemaFile, 'utf8')) as unknown;
  assert.deepEqual(
    committed,
    configJsonSchema(),
    'docs/vigil.schema.json is stale: run `npm run docs:schemas`',
  );
});

test('the JSON Schema accepts a full config and rejects what the parser rejects', () => {
  const ajv = new Ajv2020.default({ allErrors: true, strict: false });
  addFormats.default(ajv);
  const validate = ajv.compile(configJsonSchema());
  const full: unknown = parse(
    [
      'failOn: medium',
      'scanners: [secrets]',
      "exclude: ['fixtures/**']",
      'maxFileSize: 10MB',
      'ignore:',
      '  - rule: secrets/generic-password',
      "    path: 'test/**'",
      '    reason: fixtures',
      '    until: 2027-01-31',
      'secrets:',
      '  disable: [generic-api-key]',
      "  allow: ['^sk_test_']",
    ].join('\n'),
  );
  assert.ok(validate(full), JSON.stringify(validate.errors));
  assert.equal(validate({ failOn: 'severe' }), false);
  assert.equal(validate({ ignore: [{ rule: 'x' }] }), false, 'reason is required');
  assert.equal(validate({ bogus: 1 }), false, 'unknown keys are rejected');
});

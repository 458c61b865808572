/**
 * Regenerates the JSON Schemas in docs/ from their zod sources (a script, not part of the API):
 * `npm run docs:schemas`.
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { configJsonSchema } from './config/configJsonSchema.js';
import { reportJsonSchema } from './reporters/reportSchema.js';

for (const [name, schema] of [
  ['report.schema.json', reportJsonSchema()],
  ['vigil.schema.json', configJsonSchema()],
] as const) {
  const file = fileURLToPath(new URL(`../../../docs/${name}`, import.meta.url));
  writeFileSync(file, `${JSON.stringify(schema, null, 2)}\n`);
  console.log(`wrote ${file}`);
}

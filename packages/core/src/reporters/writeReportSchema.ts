/**
 * Regenerates docs/report.schema.json from the zod schema (a script, not part of the API):
 * `npx tsc -b packages/core && node packages/core/dist/reporters/writeReportSchema.js`.
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { reportJsonSchema } from './reportSchema.js';

const file = fileURLToPath(new URL('../../../../docs/report.schema.json', import.meta.url));
writeFileSync(file, `${JSON.stringify(reportJsonSchema(), null, 2)}\n`);
console.log(`wrote ${file}`);

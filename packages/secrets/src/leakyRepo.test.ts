/**
 * Evaluation against Plazmaz/leaky-repo (../shared/data/secrets-dev): realistic files full of
 * FAKE credentials, with the expected number of risky lines per file in
 * `.leaky-meta/secrets.csv`. Asserts a recall floor (every risky file yields a finding) and
 * that no finding carries a secret value.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { sourceFile, type Finding } from '@vigil/core';
import { compileRules } from './compileRules.js';
import { detectSecrets } from './detectSecrets.js';
import { secretRules } from './rules/index.js';

/** From packages/secrets/dist/ up to the folder that holds main/ and shared/. */
const dataDir = new URL('../../../../shared/data/secrets-dev/', import.meta.url);

/**
 * Risky files we knowingly report nothing for. Each holds only values a scanner must not report
 * without flooding every repository with noise:
 */
const expectedMisses = new Map([
  // `password "password"`, `…:root:password`, `password="password"`: the word itself, which the
  // global allow-list drops as a placeholder everywhere.
  ['.esmtprc', 'the password is the placeholder "password"'],
  ['db/.pgpass', 'the password is the placeholder "password"'],
  ['db/dbeaver-data-sources.xml', 'the password is the placeholder "password"'],
  // `IRC_PASS=irc_pass`: a value that names its own key is a placeholder.
  ['config', 'the password "irc_pass" names its key'],
  // `<Pass>ExamplePas123</Pass>`: "example" in a value marks documentation.
  ['filezilla/filezilla.xml', 'the password contains "Example"'],
]);

interface Expectation {
  path: string;
  risk: number;
  informative: number;
}

function readGroundTruth(dir: URL): Expectation[] {
  const csv = readFileSync(new URL('.leaky-meta/secrets.csv', dir), 'utf8');
  const rows: Expectation[] = [];
  for (const line of csv.split(/\r?\n/)) {
    if (line.trim() === '' || line.startsWith('#')) continue;
    const [path = '', risk = '', informative = ''] = line.split(',').map((cell) => cell.trim());
    rows.push({ path, risk: Number(risk), informative: Number(informative) });
  }
  return rows;
}

/** The text a finding points at, when it is on one line. */
function matchedText(text: string, finding: Finding): string {
  const { location } = finding;
  if (location.kind !== 'file' || location.startLine !== location.endLine) return '';
  const line = text.split('\n')[location.startLine - 1] ?? '';
  return line.slice(location.startColumn - 1, location.endColumn - 1);
}

test('leaky-repo: every file with a risky secret yields a finding', (t) => {
  if (!existsSync(dataDir)) {
    t.skip(`fixture not found at ${fileURLToPath(dataDir)} (see shared/data/SOURCES.md)`);
    return;
  }
  const ruleSet = compileRules(secretRules);
  const rows = readGroundTruth(dataDir).filter((row) => existsSync(new URL(row.path, dataDir)));
  assert.ok(rows.length >= 30, `only ${rows.length} labelled files found`);

  const missed: string[] = [];
  const table: string[] = [];
  let found = 0;
  let risky = 0;
  for (const { path, risk } of rows) {
    const bytes = readFileSync(new URL(path, dataDir));
    const file = sourceFile(path, bytes);
    const findings = detectSecrets(file, ruleSet);

    for (const finding of findings) {
      const secret = matchedText(file.text, finding);
      if (secret.length >= 6) {
        assert.ok(
          !JSON.stringify(finding).includes(secret),
          `${finding.ruleId} in ${path} carries the matched value`,
        );
      }
    }

    const rules = [...new Set(findings.map((finding) => finding.ruleId.replace(/^secrets\//, '')))];
    table.push(
      `${path.padEnd(36)} expected ${String(risk).padStart(2)}  found ${String(findings.length).padStart(2)}  ${rules.join(', ')}`,
    );
    if (risk === 0) continue;
    risky++;
    if (findings.length > 0) found++;
    else if (!expectedMisses.has(path)) missed.push(path);
  }

  t.diagnostic(`files with risk found: ${found}/${risky}`);
  for (const row of table) t.diagnostic(row);
  assert.deepEqual(missed, [], `no finding in: ${missed.join(', ')}`);
});

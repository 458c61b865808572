import { defaultConfig, type RuleDescriptor } from '@vigil/core';
import { loadScanners, SCANNER_IDS } from '../scanners.js';

/** `vigil rules`: every rule's metadata, as a table or JSON. */
export async function rulesCommand(options: { format: 'table' | 'json' }): Promise<number> {
  const config = defaultConfig();
  const rules: RuleDescriptor[] = (await loadScanners(SCANNER_IDS)).flatMap((plugin) =>
    plugin.rules(config),
  );
  if (options.format === 'json') {
    process.stdout.write(`${JSON.stringify(rules, null, 2)}\n`);
    return 0;
  }
  const width = Math.max(...rules.map((rule) => rule.id.length));
  for (const rule of rules) {
    process.stdout.write(`${rule.id.padEnd(width)}  ${rule.severity.padEnd(8)}  ${rule.title}\n`);
  }
  process.stdout.write(`${rules.length.toString()} rules\n`);
  return 0;
}

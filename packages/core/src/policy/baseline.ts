import { z } from 'zod';
import type { Finding } from '../finding.js';
import { VigilError } from '../error.js';

export const BaselineSchema = z
  .object({
    version: z.literal(1),
    tool: z.literal('vigil'),
    createdAt: z.string(),
    findings: z.array(
      z.object({ fingerprint: z.string().min(1), ruleId: z.string(), path: z.string().optional() }),
    ),
  })
  .describe('A snapshot of known findings: only findings not in it fail the gate.');

export type Baseline = z.output<typeof BaselineSchema>;

function locationPath(finding: Finding): string | undefined {
  const { location } = finding;
  switch (location.kind) {
    case 'file':
      return location.path;
    case 'package':
      return location.file?.path ?? location.purl;
    case 'url':
      return location.url;
  }
}

export function createBaseline(findings: readonly Finding[], now = new Date()): Baseline {
  const seen = new Set<string>();
  const entries: Baseline['findings'] = [];
  for (const finding of findings) {
    if (seen.has(finding.fingerprint)) continue;
    seen.add(finding.fingerprint);
    entries.push({
      fingerprint: finding.fingerprint,
      ruleId: finding.ruleId,
      path: locationPath(finding),
    });
  }
  entries.sort((a, b) => a.fingerprint.localeCompare(b.fingerprint));
  return { version: 1, tool: 'vigil', createdAt: now.toISOString(), findings: entries };
}

/** Parses a baseline file's text into the set of its fingerprints. */
export function parseBaseline(text: string, file: string): Set<string> {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new VigilError('BASELINE_INVALID', `${file}: not JSON (${(error as Error).message})`, {
      cause: error,
    });
  }
  const result = BaselineSchema.safeParse(data);
  if (!result.success) {
    const issue = result.error.issues[0];
    const key = issue?.path.join('.') ?? '';
    throw new VigilError(
      'BASELINE_INVALID',
      `${file}: not a vigil baseline${key ? ` (${key}: ${issue?.message ?? ''})` : ''}`,
    );
  }
  return new Set(result.data.findings.map((entry) => entry.fingerprint));
}

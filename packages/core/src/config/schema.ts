import { z } from 'zod';
import { SEVERITIES } from '../severity.js';

const sizePattern = /^\d+(?:\.\d+)?\s*(?:B|KB|MB|GB|KiB|MiB|GiB)?$/i;

export const IgnoreEntrySchema = z
  .strictObject({
    rule: z
      .string()
      .min(1)
      .optional()
      .describe(
        'Rule id, e.g. `secrets/github-pat` (the `secrets/` prefix may be left out), `code/*` for every rule of a scanner, or an advisory alias such as a CVE id.',
      ),
    path: z
      .string()
      .min(1)
      .optional()
      .describe('gitignore-style pattern of the paths it applies to, e.g. `test/fixtures/**`.'),
    fingerprint: z.string().min(1).optional().describe('A finding fingerprint, from any report.'),
    reason: z.string().trim().min(1).describe('Why this is ignored. Required.'),
    until: z.iso
      .date()
      .optional()
      .describe('Last day (YYYY-MM-DD) the ignore applies; after it the finding counts again.'),
  })
  .refine((entry) => entry.rule ?? entry.path ?? entry.fingerprint, {
    message: 'needs at least one of `rule`, `path` or `fingerprint`',
  })
  .describe('Suppresses findings that match every field given.');

export const SecretsConfigSchema = z
  .strictObject({
    disable: z
      .array(z.string().min(1))
      .default([])
      .describe('Secret rule ids not to run, e.g. `generic-password`.'),
    allow: z
      .array(z.string().min(1).refine(isRegExp, { message: 'not a valid regular expression' }))
      .default([])
      .describe('Regular expressions; a secret value matching one is not reported.'),
  })
  .describe('Secrets scanner settings.');

export const DepsConfigSchema = z
  .strictObject({
    includeDev: z
      .boolean()
      .default(false)
      .describe(
        'Let vulnerable development-only dependencies fail the gate (by default they are reported but do not fail it).',
      ),
    database: z
      .string()
      .min(1)
      .optional()
      .describe(
        'Directory of the vulnerability database (default: `$VIGIL_DB_DIR`, else `osv` in the user cache directory).',
      ),
    maxDatabaseAgeDays: z
      .number()
      .int()
      .positive()
      .default(7)
      .describe('Warn when the database was last updated more than this many days ago.'),
  })
  .describe('Dependency scanner settings.');

export const CodeConfigSchema = z
  .strictObject({
    sources: z
      .enum(['default', 'exports'])
      .default('default')
      .describe(
        'Untrusted input: `default` = request data, argv and browser sources; `exports` (library mode) also treats the parameters of exported functions as untrusted.',
      ),
    sanitizers: z
      .array(z.string().min(1))
      .default([])
      .describe(
        'Names of your own sanitiser or validator functions (`escapeForShell`, `utils.cleanPath`): their results are clean for every rule, and `if (!name(x)) return` cleans `x`.',
      ),
    maxFileSize: z
      .union([z.number().int().positive(), z.string().regex(sizePattern)])
      .default(1_000_000)
      .describe(
        'JavaScript/TypeScript files larger than this are skipped and counted (minified bundles).',
      ),
    maxLineLength: z
      .number()
      .int()
      .positive()
      .default(10_000)
      .describe('Files with a longer line are skipped and counted (minified or generated code).'),
  })
  .describe('Code scanner (SAST for JavaScript and TypeScript) settings.');

export const IacConfigSchema = z
  .strictObject({
    disable: z
      .array(z.string().min(1))
      .default([])
      .describe(
        'Infrastructure-as-code rule ids not to run, e.g. `dockerfile-missing-healthcheck`.',
      ),
    approvedBaseImages: z
      .array(z.string().min(1))
      .default([])
      .describe(
        'Glob patterns of the base images Dockerfiles may use, e.g. `gcr.io/distroless/*` or `node:22-*` (`*` stops at `/`, `**` does not; a pattern without a tag matches every tag). Empty: any image.',
      ),
    requireDigest: z
      .boolean()
      .default(false)
      .describe(
        'Make images not pinned by digest (`@sha256:…`) a high-severity finding instead of a low one.',
      ),
    approvedRegistries: z
      .array(z.string().min(1))
      .default([])
      .describe(
        'Registries (optionally with a path prefix, e.g. `ghcr.io/acme`; globs allowed) that base images and Kubernetes images must come from. Docker Hub images count as `docker.io`. Empty: any registry.',
      ),
    tlsProfile: z
      .enum(['modern', 'intermediate'])
      .default('intermediate')
      .describe(
        'Mozilla server-side TLS profile that nginx, Apache and HAProxy configurations are checked against (`modern`: TLS 1.3 only; `intermediate`: TLS 1.2 and 1.3 with forward-secret AEAD suites).',
      ),
  })
  .describe('Infrastructure-as-code scanner settings.');

export const ConfigSchema = z
  .strictObject({
    failOn: z
      .enum([...SEVERITIES, 'none'])
      .optional()
      .describe('Lowest severity that fails the policy gate (default `high`); `none` never fails.'),
    scanners: z
      .array(z.string().min(1))
      .optional()
      .describe('Scanner ids to run when `--scanners` is not given (default: all).'),
    exclude: z
      .array(z.string().min(1))
      .default([])
      .describe('gitignore-style patterns of paths never scanned, on top of .gitignore.'),
    maxFileSize: z
      .union([z.number().int().positive(), z.string().regex(sizePattern)])
      .optional()
      .describe('Files larger than this are skipped and counted: bytes, or e.g. `10MB`.'),
    ignore: z.array(IgnoreEntrySchema).default([]).describe('Findings to suppress, with a reason.'),
    secrets: SecretsConfigSchema.default({ disable: [], allow: [] }),
    deps: DepsConfigSchema.default({ includeDev: false, maxDatabaseAgeDays: 7 }),
    code: CodeConfigSchema.default({
      sources: 'default',
      sanitizers: [],
      maxFileSize: 1_000_000,
      maxLineLength: 10_000,
    }),
    iac: IacConfigSchema.default({
      disable: [],
      approvedBaseImages: [],
      requireDigest: false,
      approvedRegistries: [],
      tlsProfile: 'intermediate',
    }),
  })
  .describe('vigil.yaml: Vigil configuration, at the root of the scanned tree.');

function isRegExp(source: string): boolean {
  try {
    new RegExp(source);
    return true;
  } catch {
    return false;
  }
}

export type VigilConfig = z.output<typeof ConfigSchema>;
export type IgnoreEntry = z.output<typeof IgnoreEntrySchema>;

/** The configuration used when there is no vigil.yaml. */
export function defaultConfig(): VigilConfig {
  return ConfigSchema.parse({});
}

const units: Record<string, number> = {
  b: 1,
  kb: 1e3,
  mb: 1e6,
  gb: 1e9,
  kib: 1024,
  mib: 1024 ** 2,
  gib: 1024 ** 3,
};

/** Bytes from `10MB`, `512KiB`, `1000` (and numbers as they are). Undefined when invalid. */
export function parseSize(value: number | string): number | undefined {
  if (typeof value === 'number') return value;
  const match = /^(\d+(?:\.\d+)?)\s*([a-z]*)$/i.exec(value.trim());
  if (!match) return undefined;
  const unit = units[(match[2] ?? '').toLowerCase() || 'b'];
  return unit === undefined ? undefined : Math.round(Number(match[1]) * unit);
}

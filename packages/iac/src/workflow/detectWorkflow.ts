import type { Finding, Region } from '@vigil/core';
import type { IacResult } from '../dockerfile/detectDockerfile.js';
import { iacFinding } from '../iacFinding.js';
import type { IacRule } from '../rule.js';
import { workflowRules as rules } from '../rules/workflowRules.js';
import { asArray, asRecord, asText } from '../yaml/plainValue.js';
import {
  parseYamlDocuments,
  type YamlDocument,
  type YamlPath,
} from '../yaml/parseYamlDocuments.js';
import { untrustedExpression } from './untrustedExpression.js';

/** Triggers whose runs have the base repository's secrets and a write token. */
const privilegedTriggers = new Set(['pull_request_target', 'workflow_run', 'issue_comment']);
/** Triggers anyone can fire in a public repository. */
const publicTriggers = new Set([
  'pull_request',
  'pull_request_target',
  'pull_request_review',
  'pull_request_review_comment',
  'issue_comment',
  'issues',
  'discussion',
  'discussion_comment',
  'fork',
  'watch',
  'workflow_run',
]);
/** Refs that name the untrusted head of a pull request or of the triggering run. */
const untrustedRef =
  /github\.event\.pull_request\.head\.(?:sha|ref)|github\.head_ref|github\.event\.workflow_run\.head_(?:sha|branch)|github\.event\.workflow_run\.head_commit\.id|github\.event\.pull_request\.merge_commit_sha|head\.repo\.full_name|refs\/pull\//;
const expressionPattern = /\$\{\{([\s\S]*?)\}\}/g;

interface Context {
  document: YamlDocument;
  text: string;
  path: string;
  positionAt(offset: number): { line: number; column: number };
  findings: Finding[];
}

/**
 * The GitHub Actions rules over one workflow file (`.github/workflows/*.yml`): untrusted
 * checkouts in privileged triggers, script injection, unpinned actions, token permissions,
 * secrets in untrusted jobs and self-hosted runners on public triggers.
 */
export function detectWorkflow(text: string, path: string): IacResult {
  const parsed = parseYamlDocuments(text);
  const findings: Finding[] = [];
  const document = parsed.documents[0];
  const workflow = asRecord(document?.value);
  if (!document || !workflow) return { findings, warnings: parsed.warnings };
  const context: Context = { document, text, path, positionAt: parsed.positionAt, findings };
  const report = (
    rule: IacRule,
    at: YamlPath,
    message: string,
    key: string,
    part: 'key' | 'value' = 'key',
  ): void => {
    findings.push(iacFinding(rule, { path, region: document.locate(at, part), message, key }));
  };

  const triggers = triggerNames(workflow.on);
  const privileged = [...triggers].filter((trigger) => privilegedTriggers.has(trigger));
  const publicOnes = [...triggers].filter((trigger) => publicTriggers.has(trigger));
  const jobs = Object.entries(asRecord(workflow.jobs) ?? {});

  if (workflow.permissions === 'write-all') {
    report(
      rules.writeAllPermissions,
      ['permissions'],
      'the workflow token gets `write-all`',
      'top write-all',
      'value',
    );
  }
  if (workflow.permissions === undefined) {
    const without = jobs
      .filter(([, job]) => asRecord(job)?.permissions === undefined)
      .map(([id]) => id);
    const first = without[0];
    if (first !== undefined) {
      report(
        rules.missingPermissions,
        ['jobs', first],
        `no top-level \`permissions:\` and job${without.length === 1 ? '' : 's'} ${without.slice(0, 5).join(', ')} set${without.length === 1 ? 's' : ''} none: the token gets the repository default`,
        `permissions ${without.join(',')}`,
      );
    }
  }

  for (const [jobId, value] of jobs) {
    const job = asRecord(value);
    if (!job) continue;
    const jobPath: YamlPath = ['jobs', jobId];
    if (job.permissions === 'write-all') {
      report(
        rules.writeAllPermissions,
        [...jobPath, 'permissions'],
        `job ${jobId} gets a \`write-all\` token`,
        `${jobId} write-all`,
        'value',
      );
    }
    checkUses(context, job.uses, [...jobPath, 'uses'], `job ${jobId}`);

    if (publicOnes.length > 0 && runsSelfHosted(job['runs-on'])) {
      report(
        rules.selfHostedPublicTrigger,
        [...jobPath, 'runs-on'],
        `job ${jobId} runs on a self-hosted runner and the workflow is triggered by ${publicOnes.join(', ')}`,
        `${jobId} self-hosted`,
        'value',
      );
    }

    let untrustedCheckoutAt: number | undefined;
    for (const [index, item] of asArray(job.steps).entries()) {
      const step = asRecord(item);
      if (!step) continue;
      const stepPath: YamlPath = [...jobPath, 'steps', index];
      const label = `job ${jobId} step ${asText(step.name) ?? asText(step.id) ?? String(index + 1)}`;
      const uses = asText(step.uses) ?? '';
      checkUses(context, step.uses, [...stepPath, 'uses'], label);

      if (typeof step.run === 'string') checkInjection(context, [...stepPath, 'run'], label);
      const withBlock = asRecord(step.with);
      if (/^actions\/github-script@/i.test(uses) && typeof withBlock?.script === 'string') {
        checkInjection(context, [...stepPath, 'with', 'script'], label);
      }

      if (privileged.length > 0 && untrustedCheckoutAt === undefined) {
        const checkedOut = untrustedCheckout(uses, withBlock, asText(step.run));
        if (checkedOut) {
          untrustedCheckoutAt = index;
          report(
            rules.untrustedCheckout,
            checkedOut === 'run'
              ? [...stepPath, 'run']
              : [...stepPath, 'with', withBlock?.ref === undefined ? 'repository' : 'ref'],
            `${label} checks out the untrusted head in a ${privileged.join('/')} workflow`,
            `${jobId} checkout`,
            'value',
          );
          continue;
        }
      }
      if (untrustedCheckoutAt !== undefined) {
        const secret = firstSecretReference(context, stepPath);
        if (secret) {
          findings.push(
            iacFinding(rules.secretsToUntrustedCode, {
              path,
              region: secret.region,
              message: `${label} receives ${secret.name} after the untrusted head was checked out`,
              key: `${jobId} ${String(index)} ${secret.name}`,
            }),
          );
        }
      }
    }
    if (untrustedCheckoutAt !== undefined && job.env !== undefined) {
      const secret = firstSecretReference(context, [...jobPath, 'env']);
      if (secret) {
        findings.push(
          iacFinding(rules.secretsToUntrustedCode, {
            path,
            region: secret.region,
            message: `job ${jobId} gives ${secret.name} to every step, including those after the untrusted checkout`,
            key: `${jobId} env ${secret.name}`,
          }),
        );
      }
    }
  }
  return { findings, warnings: parsed.warnings };
}

/** `on: push`, `on: [push, pull_request]` or `on: {push: …}`. */
function triggerNames(on: unknown): Set<string> {
  if (typeof on === 'string') return new Set([on]);
  if (Array.isArray(on)) return new Set(on.flatMap((item) => asText(item) ?? []));
  return new Set(Object.keys(asRecord(on) ?? {}));
}

function runsSelfHosted(runsOn: unknown): boolean {
  const labels = (value: unknown): string[] =>
    typeof value === 'string' ? [value] : asArray(value).flatMap((item) => asText(item) ?? []);
  const record = asRecord(runsOn);
  return [...labels(runsOn), ...labels(record?.labels)].some(
    (label) => label.toLowerCase() === 'self-hosted',
  );
}

/** Which part checks out the untrusted head: the checkout action's inputs or a git/gh command. */
function untrustedCheckout(
  uses: string,
  withBlock: Record<string, unknown> | undefined,
  run: string | undefined,
): 'with' | 'run' | undefined {
  if (/^actions\/checkout@/i.test(uses)) {
    const ref = `${asText(withBlock?.ref) ?? ''} ${asText(withBlock?.repository) ?? ''}`;
    if (untrustedRef.test(ref)) return 'with';
  }
  if (
    run !== undefined &&
    (/\bgh\s+pr\s+checkout\b/.test(run) ||
      (/\bgit\s+(?:fetch|checkout|switch|pull)\b/.test(run) && untrustedRef.test(run)))
  ) {
    return 'run';
  }
  return undefined;
}

const fullSha = /^[0-9a-f]{40}$/;

function checkUses(context: Context, value: unknown, at: YamlPath, label: string): void {
  const uses = asText(value);
  if (uses === undefined || uses.startsWith('./') || uses.startsWith('.\\')) return;
  const report = (rule: IacRule, message: string): void => {
    context.findings.push(
      iacFinding(rule, {
        path: context.path,
        region: context.document.locate(at, 'value'),
        message,
        key: `uses ${uses}`,
      }),
    );
  };
  if (uses.startsWith('docker://')) {
    if (!/@sha256:[0-9a-f]{64}$/.test(uses))
      report(rules.unpinnedAction, `${label} runs ${uses} without an image digest`);
    return;
  }
  const at_ = uses.lastIndexOf('@');
  if (at_ < 0) return;
  const ref = uses.slice(at_ + 1);
  if (fullSha.test(ref)) return;
  const owner = uses.split('/')[0]?.toLowerCase() ?? '';
  const firstParty = owner === 'actions' || owner === 'github';
  report(
    firstParty ? rules.unpinnedFirstPartyAction : rules.unpinnedAction,
    `${label} uses ${uses.slice(0, 200)}: \`${ref.slice(0, 60)}\` is not a full commit SHA`,
  );
}

/** Untrusted `${{ … }}` expressions in a script, each at its exact place in the file. */
function checkInjection(context: Context, at: YamlPath, label: string): void {
  const range = context.document.range(at);
  if (!range) return;
  const source = context.text.slice(range[0], range[1]);
  for (const match of source.matchAll(expressionPattern)) {
    const inner = match[1] ?? '';
    const untrusted = untrustedExpression(inner);
    if (!untrusted) continue;
    const start = context.positionAt(range[0] + match.index);
    const end = context.positionAt(range[0] + match.index + match[0].length);
    const region: Region = {
      startLine: start.line,
      startColumn: start.column,
      endLine: end.line,
      endColumn: end.column,
    };
    context.findings.push(
      iacFinding(rules.scriptInjection, {
        path: context.path,
        region,
        message: `${label} pastes ${untrusted} into its script`,
        key: `${at.join('.')} ${untrusted}`,
      }),
    );
  }
}

/** The first `secrets.X` used in a step (or a job's env), with where it is written. */
function firstSecretReference(
  context: Context,
  at: YamlPath,
): { name: string; region: Region } | undefined {
  const range = context.document.range(at);
  if (!range) return undefined;
  const source = context.text.slice(range[0], range[1]);
  for (const match of source.matchAll(expressionPattern)) {
    const secret = /\bsecrets\.([A-Za-z_][\w-]*)|\bsecrets\[\s*'([^']+)'\s*\]/.exec(match[1] ?? '');
    if (!secret) continue;
    const start = context.positionAt(range[0] + match.index);
    const end = context.positionAt(range[0] + match.index + match[0].length);
    return {
      name: `secrets.${secret[1] ?? secret[2] ?? ''}`,
      region: {
        startLine: start.line,
        startColumn: start.column,
        endLine: end.line,
        endColumn: end.column,
      },
    };
  }
  return undefined;
}

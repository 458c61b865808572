import { hasBase62Crc32, withBase62Crc32 } from '../checks/base62Checksum.js';
import type { SecretRule } from '../rule.js';

const GITHUB_DOCS =
  'https://docs.github.com/en/authentication/keeping-your-account-and-data-secure/about-authentication-to-github#githubs-token-formats';
const revoke =
  'Revoke the token in GitHub settings (or via the credential revocation API), then rotate ' +
  'it and keep the new one in a secret store.';

function githubToken(
  id: string,
  prefix: string,
  title: string,
  description: string,
  random: string,
): SecretRule {
  const example = withBase62Crc32(prefix, random);
  return {
    id,
    title,
    description,
    severity: 'critical',
    confidence: 'high',
    keywords: [`${prefix}_`],
    pattern: new RegExp(`\\b(${prefix}_[0-9A-Za-z]{36})\\b`),
    verify: hasBase62Crc32,
    remediation: revoke,
    references: [GITHUB_DOCS],
    examples: {
      match: [`GITHUB_TOKEN=${example}`, `token: "${example}"`],
      noMatch: [
        // Right shape, wrong checksum.
        `GITHUB_TOKEN=${example.slice(0, -1)}${example.endsWith('A') ? 'B' : 'A'}`,
        `${prefix}_short`,
      ],
    },
  };
}

export const githubRules: SecretRule[] = [
  githubToken(
    'github-pat',
    'ghp',
    'GitHub personal access token (classic)',
    'Acts as the user on the GitHub API and git with every scope the token was given.',
    'R3n9xQ2mKcL7vT8pW4sY6dF1gH5jZ0',
  ),
  githubToken(
    'github-oauth-token',
    'gho',
    'GitHub OAuth access token',
    'Acts as the user for an OAuth app with the scopes granted to it.',
    'Qw8eRt6yUi4oPa2sDf0gHj9kLz7xCv',
  ),
  githubToken(
    'github-user-to-server-token',
    'ghu',
    'GitHub App user-to-server token',
    'Acts as a user through a GitHub App.',
    'Mn4bVc8xZl2kJh6gFd0sAp9oIu7yTr',
  ),
  githubToken(
    'github-server-to-server-token',
    'ghs',
    'GitHub App installation token',
    'Acts as a GitHub App installation on the repositories it is installed on.',
    'Zx1cVb5nMa9sDf3gHj7kLq2wEr6tYu',
  ),
  githubToken(
    'github-refresh-token',
    'ghr',
    'GitHub App refresh token',
    'Mints new user-to-server tokens for a GitHub App.',
    'Lk2jHg6fDs0aPo4iUy8tRe3wQm7nBv',
  ),
  {
    id: 'github-fine-grained-pat',
    title: 'GitHub fine-grained personal access token',
    description: 'Acts as the user on the repositories and permissions the token was given.',
    severity: 'critical',
    confidence: 'high',
    keywords: ['github_pat_'],
    pattern: /\b(github_pat_[0-9A-Za-z]{22}_[0-9A-Za-z]{59})\b/,
    minEntropy: 3.5,
    remediation: revoke,
    references: [GITHUB_DOCS],
    examples: {
      match: [
        'token = "github_pat_11ABCDEFG0Qw3rTy7uIoP9_aSdFgHjKlZxCvBnMqWeRtYuIoPaSdFgHjKlZxCvBnM1234567890aBcDeFg"',
      ],
      noMatch: ['token = "github_pat_tooshort"'],
    },
  },
];

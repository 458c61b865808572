/**
 * Context properties an outsider controls (after GitHub Security Lab's list): titles and
 * bodies of issues, pull requests, discussions, comments and reviews; branch names and labels;
 * commit messages and author names/emails; wiki page names.
 */
const untrustedProperties = [
  /github\.event\.(?:issue|pull_request|discussion)\.(?:title|body)\b/,
  /github\.event\.(?:comment|review|review_comment)\.body\b/,
  /github\.event\.pages(?:\[[^\]]*\]|\.\*)?\.page_name\b/,
  /github\.event\.commits(?:\[[^\]]*\]|\.\*)?\.(?:message|author\.(?:email|name))\b/,
  /github\.event\.head_commit\.(?:message|author\.(?:email|name)|committer\.(?:email|name))\b/,
  /github\.event\.pull_request\.head\.(?:ref|label|repo\.default_branch)\b/,
  /github\.event\.workflow_run\.(?:head_branch|display_title|head_commit\.(?:message|author\.(?:email|name)))\b/,
  /github\.event\.workflow_run\.pull_requests(?:\[[^\]]*\]|\.\*)?\.head\.ref\b/,
  /github\.head_ref\b/,
];

/** The untrusted property an expression (the text inside `${{ }}`) reads, if any. */
export function untrustedExpression(expression: string): string | undefined {
  for (const pattern of untrustedProperties) {
    const match = pattern.exec(expression);
    if (match) return match[0];
  }
  return undefined;
}

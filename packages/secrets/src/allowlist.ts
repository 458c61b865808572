/**
 * Values that look like secrets to a pattern but are not: placeholders, template and
 * environment look-ups, documentation example keys, lockfile integrity hashes.
 */
const notSecretValues: readonly RegExp[] = [
  // Placeholders.
  /^(?:x+|X+|\*+|\.+|-+|_+|#+|0+|1+|\?+|•+)$/,
  /(?:x{5,}|X{5,}|\*{4,}|0{8,}|\.{3})/,
  /example|sample|dummy|placeholder|changeme|change_me|redacted|fake|notreal|not_real/i,
  /^(?:your|my|insert|enter|replace|put)[_-]?[a-z_-]*(?:here)?$/i,
  /^<[^>]*>$|^\[[^\]]*\]$/,
  /^(?:password|passwd|secret|token|api[_-]?key|null|none|nil|undefined|true|false|empty)$/i,
  // Templating and environment look-ups.
  /\$\{[^}]*\}|\{\{[^}]*\}\}|<%.*%>|#\{[^}]*\}/,
  /^\$[A-Za-z_][A-Za-z0-9_]*$|^%[A-Za-z_][A-Za-z0-9_]*%$|^%\([\w.]+\)s$|^\{[\w.]+\}$/,
  /process\.env|os\.environ|getenv|System\.getenv|ENV\[|import\.meta\.env|secrets\.[A-Z_]/,
  // Integrity hashes (package-lock.json, yarn.lock, SRI).
  /^sha(?:1|256|384|512)-[A-Za-z0-9+/]+=*$/,
];

/** AWS's documentation key pair and similar published examples. */
const documentationExamples = new Set([
  'AKIAIOSFODNN7EXAMPLE',
  'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
]);

export function isAllowedValue(secret: string): boolean {
  if (documentationExamples.has(secret)) return true;
  return notSecretValues.some((pattern) => pattern.test(secret));
}

/** Lockfiles hold integrity hashes and package names that trip generic rules. */
const lockfilePath =
  /(?:^|\/)(?:package-lock\.json|npm-shrinkwrap\.json|yarn\.lock|pnpm-lock\.yaml|bun\.lock|composer\.lock|Gemfile\.lock|Cargo\.lock|poetry\.lock|Pipfile\.lock|uv\.lock|pdm\.lock|go\.sum|packages\.lock\.json|gradle\.lockfile|pubspec\.lock|mix\.lock)$/;

export function isLockfile(path: string): boolean {
  return lockfilePath.test(path);
}

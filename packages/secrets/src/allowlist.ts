/**
 * Values that look like secrets to a pattern but are not: placeholders, template and
 * environment look-ups, references into secret stores, documentation example keys, lockfile
 * integrity hashes.
 */
const notSecretValues: readonly RegExp[] = [
  // Placeholders.
  /^(?:x+|X+|\*+|\.+|-+|_+|#+|0+|1+|\?+|•+)$/,
  /(?:x{5,}|X{5,}|\*{4,}|0{8,}|\.{3})/,
  /^(?:your|my|insert|enter|replace|put)[_-]?[a-z_-]*(?:here)?$/i,
  /^<[^>]*>$|^\[[^\]]*\]$/,
  /^(?:password|passwd|pass|pwd|pw|passphrase|secret|token|api[_-]?key|null|none|nil|undefined|true|false|empty|value|string|unset|masked|hidden)$/i,
  // "password" in leetspeak with a few trailing digits or marks: documentation's stand-in.
  /^p[a@4][s$5][s$5]w[o0]rd[\d!@#$%^&*?.]{0,4}$/i,
  // A value naming the credential it stands for (`db_password`, `API-TOKEN`, `irc_pass`).
  /^[a-z0-9]+(?:[_-][a-z0-9]+)*[_-](?:password|passwd|pass|pwd|secret|token|api[_-]?key|key)$/i,
  // Published fixed passwords: the JDK's default keystore password and Google's .p12 one.
  /^(?:changeit|notasecret)$/,
  // Templating and environment look-ups.
  /\$\{[^}]*\}|\{\{[^}]*\}\}|<%.*%>|#\{[^}]*\}/,
  /^\$[A-Za-z_][A-Za-z0-9_]*$|^%[A-Za-z_][A-Za-z0-9_]*%$|^%\([\w.]+\)s$|^\{[\w.]+\}$|^\{\d+\}$/,
  /^\$\([\w.]+\)$|^__[A-Za-z0-9_]+__$|^@[\w.-]+@$|^%env\(/,
  /process\.env|os\.environ|getenv|System\.getenv|ENV\[|import\.meta\.env|secrets\.[A-Z_]/,
  // References into secret stores, and values encrypted at rest (sops, Ansible Vault).
  /^(?:vault:|ref\+[a-z]+:\/\/|arn:aws[a-z-]*:|op:\/\/|\{\{resolve:|projects\/[\w-]+\/secrets\/)/,
  /^ENC\[|^\$ANSIBLE_VAULT;/,
  // jwt.io's sample token ("John Doe"), and a JWT header on its own (`{"alg":…}`, no claims).
  /eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lI/,
  /^eyJ(?:hbGciOi|0eXAiOi|raWQiOi|0eXBlIjoiSldUI)[A-Za-z0-9_-]*={0,2}$/,
  // Integrity hashes (package-lock.json, yarn.lock, SRI).
  /^sha(?:1|256|384|512)-[A-Za-z0-9+/]+=*$/,
];

/** AWS's documentation key pair and similar published examples. */
const documentationExamples = new Set([
  'AKIAIOSFODNN7EXAMPLE',
  'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
  // Laravel's user factory: the bcrypt hash of "password", copied into countless seeders.
  '$2y$10$92IXUNpkjO0rOQ5byMi.Ye4oKoEa3Ro9llC/.og/at2.uheWG/igi',
]);

/**
 * Words that mark a short value as a stand-in. Long random values (PEM bodies, JWTs, session
 * tokens) contain such letter runs by chance often enough to lose real keys, so they are only
 * looked for in values shorter than this.
 */
const placeholderWords =
  /example|sample|dummy|placeholder|changeme|change_me|redacted|fake|notreal|not_real/i;
const PLACEHOLDER_WORDS_MAX_LENGTH = 100;

export function isAllowedValue(secret: string): boolean {
  if (documentationExamples.has(secret)) return true;
  if (secret.length < PLACEHOLDER_WORDS_MAX_LENGTH && placeholderWords.test(secret)) return true;
  return notSecretValues.some((pattern) => pattern.test(secret));
}

/** Lockfiles hold integrity hashes and package names that trip generic rules. */
const lockfilePath =
  /(?:^|\/)(?:package-lock\.json|npm-shrinkwrap\.json|yarn\.lock|pnpm-lock\.yaml|bun\.lock|composer\.lock|Gemfile\.lock|Cargo\.lock|poetry\.lock|Pipfile\.lock|uv\.lock|pdm\.lock|go\.sum|packages\.lock\.json|gradle\.lockfile|pubspec\.lock|mix\.lock)$/;

export function isLockfile(path: string): boolean {
  return lockfilePath.test(path);
}

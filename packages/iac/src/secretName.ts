const secretWords =
  /(?:PASSWORD|PASSWD|PASSPHRASE|SECRET|TOKEN|API_?KEY|ACCESS_?KEY|PRIVATE_?KEY|CREDENTIALS?|(?:^|_)PASS$|(?:^|_)PWD$|AUTH_?KEY)/i;
/** Names that hold where a secret is or something about it, not the secret. */
const notTheSecret =
  /(?:_FILE|_PATH|_DIR|_NAME|_LENGTH|_URL|_URI|_ENDPOINT|_HEADER|_TYPE|_EXPIRY|_EXPIRES|_TTL|_ENABLED|_REF|_ID|_ARN|_KEY_ID|_VERSION|_MODE)$/i;

/** Whether an environment/build variable name says it holds a credential (`DB_PASSWORD`, `GH_TOKEN`). */
export function isSecretName(name: string): boolean {
  return name !== 'PWD' && secretWords.test(name) && !notTheSecret.test(name);
}

const placeholders = new Set(['', 'true', 'false', 'yes', 'no', 'on', 'off', 'none', 'null', '~']);

/**
 * Whether a value is a literal (not a `$VARIABLE` reference, a secrets-file path or a
 * boolean/placeholder word).
 */
export function isLiteralSecretValue(value: string): boolean {
  const literal = value
    .replace(/\$\{[A-Za-z_]\w*\}|\$[A-Za-z_]\w*|\$\([A-Za-z_]\w*\)/g, '')
    .replace(/\$\{[A-Za-z_]\w*:?[-=?]([^}]*)\}/g, '$1')
    .trim();
  if (placeholders.has(literal.toLowerCase())) return false;
  if (literal.startsWith('/run/secrets/') || literal.startsWith('/var/run/secrets/')) return false;
  return literal.length >= 3;
}

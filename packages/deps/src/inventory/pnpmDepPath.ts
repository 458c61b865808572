/**
 * The name and version a `pnpm-lock.yaml` package key names, or undefined when the key names no
 * registry version (git and tarball keys, `file:` keys), whose entries carry `name` and `version`
 * fields instead. Keys are `/name/1.2.3_peer@1.0.0` in lockfile v5, `/name@1.2.3(peer@1.0.0)` in
 * v6 and `name@1.2.3(peer@1.0.0)` in v9; before v9 a key without the leading `/` starts with the
 * registry's host (`registry.npmjs.org/foo/1.1.0`).
 */
export function pnpmDepPath(
  key: string,
  major: number,
): { name: string; version: string } | undefined {
  if (/^(?:file|link):/.test(key)) return undefined;
  let rest = key;
  if (rest.startsWith('/')) {
    rest = rest.slice(1);
  } else if (major < 9) {
    const slash = rest.indexOf('/');
    if (slash < 0) return undefined;
    rest = rest.slice(slash + 1);
  }
  if (major >= 6) {
    const at = rest.indexOf('@', 1);
    if (at < 0) return undefined;
    const version = withoutPeers(rest.slice(at + 1));
    return version === '' ? undefined : { name: rest.slice(0, at), version };
  }
  const segments = rest.split('/');
  const scoped = rest.startsWith('@');
  const name = scoped ? segments.slice(0, 2).join('/') : segments[0];
  const version = segments[scoped ? 2 : 1]?.split('_')[0];
  if (name === undefined || version === undefined || !/^\d/.test(version)) return undefined;
  return { name, version };
}

/** A v6+ version or key without its `(peer@1.0.0)` suffix. */
export function withoutPeers(reference: string): string {
  const paren = reference.indexOf('(');
  return paren < 0 ? reference : reference.slice(0, paren);
}

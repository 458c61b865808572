/**
 * A package URL from its decoded parts, each namespace segment, the name and the version
 * percent-encoded on its own: the form every inventory parser writes, so purls compare equal
 * whatever produced them. Qualifiers and subpath are left out on purpose: they describe a
 * particular artifact (platform, classifier), not which release of a package is installed.
 *
 * @example
 * formatPurl('npm', '@babel', 'core', '7.0.0') // 'pkg:npm/%40babel/core@7.0.0'
 */
export function formatPurl(
  type: string,
  namespace: string | undefined,
  name: string,
  version: string | undefined,
): string {
  const segments = namespace === undefined || namespace === '' ? [] : namespace.split('/');
  const path = [...segments, name].map(encodeURIComponent).join('/');
  return version === undefined || version === ''
    ? `pkg:${type}/${path}`
    : `pkg:${type}/${path}@${encodeURIComponent(version)}`;
}

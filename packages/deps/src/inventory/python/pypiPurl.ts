/**
 * The package URL of a PyPI package. The purl spec lowercases the name and replaces `_` with
 * `-`; a version that is not known (a path or URL requirement) is left out.
 *
 * @example
 * pypiPurl('Django_Rest', '3.0') // 'pkg:pypi/django-rest@3.0'
 */
export function pypiPurl(name: string, version: string): string {
  const purlName = encodeURIComponent(name.toLowerCase().replaceAll('_', '-'));
  return version === ''
    ? `pkg:pypi/${purlName}`
    : `pkg:pypi/${purlName}@${encodeURIComponent(version)}`;
}

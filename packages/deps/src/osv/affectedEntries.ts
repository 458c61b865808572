import type { OsvAffected, OsvRecord } from './osvRecord.js';

/**
 * The `affected` entries of a record that describe one package. The ecosystem must match exactly
 * (`Debian:12` is not `Debian:11`); names match in the ecosystem's normal form (see
 * {@link normalisePackageName}).
 */
export function affectedEntries(
  record: OsvRecord,
  ecosystem: string,
  name: string,
): readonly OsvAffected[] {
  const wanted = normalisePackageName(ecosystem, name);
  return (record.affected ?? []).filter(
    (entry) =>
      entry.package?.ecosystem === ecosystem &&
      normalisePackageName(ecosystem, entry.package.name) === wanted,
  );
}

/**
 * A package name as its registry compares names: PyPI names in their PEP 503 normal form
 * (`Django_Rest.Framework` is `django-rest-framework`), NuGet ids and Packagist names without
 * case (lockfiles keep the casing a project typed); every other ecosystem compares exactly.
 *
 * @example normalisePackageName('PyPI', 'Zope.Interface') // 'zope-interface'
 */
export function normalisePackageName(ecosystem: string, name: string): string {
  switch (ecosystem) {
    case 'PyPI':
      return name.toLowerCase().replace(/[-_.]+/g, '-');
    case 'NuGet':
    case 'Packagist':
      return name.toLowerCase();
    default:
      return name;
  }
}

import type { OsvAffected, OsvRecord } from './osvRecord.js';

/**
 * The `affected` entries of a record that describe one package. The ecosystem must match exactly
 * (`Debian:12` is not `Debian:11`); names match exactly, except PyPI names, which compare in their
 * PEP 503 normal form (`Django_Rest.Framework` is `django-rest-framework`).
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

/** @example normalisePackageName('PyPI', 'Zope.Interface') // 'zope-interface' */
export function normalisePackageName(ecosystem: string, name: string): string {
  return ecosystem === 'PyPI' ? name.toLowerCase().replace(/[-_.]+/g, '-') : name;
}

/**
 * The package URL of an npm package: the scope's `@` and every other reserved character are
 * percent-encoded, as the purl spec requires (`pkg:npm/%40babel/core@7.0.0`).
 */
export function npmPurl(name: string, version: string): string {
  const encodedName = name.split('/').map(encodeURIComponent).join('/');
  return `pkg:npm/${encodedName}@${encodeURIComponent(version)}`;
}

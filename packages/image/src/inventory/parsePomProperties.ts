/** `groupId`, `artifactId` and `version` of a `pom.properties` (Java properties format). */
export function parsePomProperties(
  text: string,
): { groupId: string; artifactId: string; version: string } | undefined {
  const values = new Map<string, string>();
  for (const line of text.split(/\r?\n/)) {
    const match = /^\s*([A-Za-z]+)\s*[=:]\s*(.*?)\s*$/.exec(line);
    if (match?.[1] && !line.trimStart().startsWith('#')) values.set(match[1], match[2] ?? '');
  }
  const groupId = values.get('groupId');
  const artifactId = values.get('artifactId');
  const version = values.get('version');
  return groupId && artifactId && version ? { groupId, artifactId, version } : undefined;
}

/** `pkg:maven/group/artifact@version`; Maven coordinates are case-sensitive, so no case folding. */
export function mavenPurl(groupId: string, artifactId: string, version: string): string {
  return `pkg:maven/${encodeURIComponent(groupId)}/${encodeURIComponent(artifactId)}@${encodeURIComponent(version)}`;
}

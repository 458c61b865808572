/**
 * The package URL of a Go module. Module paths are case-sensitive, so the case is kept; each
 * path segment is percent-encoded on its own. The version keeps Go's `v` prefix, as `go.mod`
 * writes it; an unknown version (a local replacement) is left out.
 *
 * @example
 * golangPurl('github.com/BurntSushi/toml', 'v1.0.0') // 'pkg:golang/github.com/BurntSushi/toml@v1.0.0'
 */
export function golangPurl(modulePath: string, version: string): string {
  const path = modulePath.split('/').map(encodeURIComponent).join('/');
  return version === ''
    ? `pkg:golang/${path}`
    : `pkg:golang/${path}@${encodeURIComponent(version)}`;
}

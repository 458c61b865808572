/** Names that follow the Dockerfile naming habits but are something else. */
const notDockerfiles = /\.(?:md|txt|rst|adoc|dockerignore|orig|rej|bak|swp|json|ya?ml|sh|ps1)$/i;

/**
 * `Dockerfile`, `Containerfile`, `Dockerfile.prod`, `api.Dockerfile`, `build.containerfile`
 * (any case), anywhere in the tree.
 */
export function isDockerfilePath(path: string): boolean {
  const name = path.slice(path.lastIndexOf('/') + 1);
  if (notDockerfiles.test(name)) return false;
  return (
    /^(?:docker|container)file(?:[.-][\w.-]+)?$/i.test(name) ||
    /\.(?:docker|container)file$/i.test(name)
  );
}

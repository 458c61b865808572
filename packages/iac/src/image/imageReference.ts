/** A container image reference, split as the Docker distribution grammar does. */
export interface ImageReference {
  /** As written, e.g. `node:22-slim`. */
  written: string;
  /** Registry host (and port); `docker.io` when none is written. */
  registry: string;
  /** Repository path on the registry; Docker Hub official images get `library/`. */
  repository: string;
  tag?: string;
  /** `algorithm:hex`, e.g. `sha256:…`. */
  digest?: string;
}

const digestPattern = /^[a-z0-9]+(?:[.+_-][a-z0-9]+)*:[a-zA-Z0-9=_-]{32,}$/;
const tagPattern = /^\w[\w.-]{0,127}$/;
const pathPattern =
  /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:\/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*$/;

/**
 * Parses `[registry/]path[:tag][@digest]`. Undefined when the text is not a valid reference,
 * e.g. still holds an unresolved `${VARIABLE}`.
 */
export function parseImageReference(text: string): ImageReference | undefined {
  const written = text.trim();
  if (written === '' || written.length > 1024) return undefined;
  let rest = written;
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
    if (!digestPattern.test(digest)) return undefined;
  }
  let tag: string | undefined;
  const colon = rest.lastIndexOf(':');
  if (colon > rest.lastIndexOf('/')) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
    if (!tagPattern.test(tag)) return undefined;
  }
  let registry = 'docker.io';
  const slash = rest.indexOf('/');
  const first = slash < 0 ? '' : rest.slice(0, slash);
  if (first !== '' && (first.includes('.') || first.includes(':') || first === 'localhost')) {
    registry = first.toLowerCase();
    rest = rest.slice(slash + 1);
  }
  if (registry === 'index.docker.io' || registry === 'registry-1.docker.io') registry = 'docker.io';
  if (!pathPattern.test(rest)) return undefined;
  const repository = registry === 'docker.io' && !rest.includes('/') ? `library/${rest}` : rest;
  return {
    written,
    registry,
    repository,
    ...(tag === undefined ? {} : { tag }),
    ...(digest === undefined ? {} : { digest }),
  };
}

/** `registry/repository`, e.g. `docker.io/library/node`. */
export function canonicalName(image: ImageReference): string {
  return `${image.registry}/${image.repository}`;
}

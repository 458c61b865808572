import { globPattern } from './globPattern.js';
import { canonicalName, type ImageReference } from './imageReference.js';

/** The image settings of the `iac:` section of vigil.yaml. */
export interface ImagePolicy {
  approvedBaseImages: readonly string[];
  approvedRegistries: readonly string[];
  requireDigest: boolean;
}

/**
 * Whether a glob of `approvedBaseImages` allows the image. Patterns are tried against the
 * name as written and in canonical form (`docker.io/library/node`); a pattern without a tag
 * or digest allows every tag.
 */
export function isApprovedImage(image: ImageReference, patterns: readonly string[]): boolean {
  const writtenName = image.written.replace(/@.*$/, '').replace(/:[^:/]*$/, '');
  const names = [writtenName, canonicalName(image)];
  const suffix = `${image.tag === undefined ? '' : `:${image.tag}`}${image.digest === undefined ? '' : `@${image.digest}`}`;
  return patterns.some((pattern) => {
    const regex = globPattern(pattern);
    const lastSegment = pattern.slice(pattern.lastIndexOf('/') + 1);
    const pinsVersion = lastSegment.includes(':') || lastSegment.includes('@');
    return names.some((name) =>
      pinsVersion
        ? regex.test(`${name}${suffix}`) || regex.test(`${name}${suffix.replace(/@.*$/, '')}`)
        : regex.test(name),
    );
  });
}

/** Whether the image comes from one of `registries` (hosts, optionally with a path prefix). */
export function isApprovedRegistry(image: ImageReference, registries: readonly string[]): boolean {
  const name = canonicalName(image);
  return registries.some((entry) => {
    const prefix = entry.replace(/\/+$/, '').toLowerCase();
    const host = prefix.split('/')[0] ?? prefix;
    const normalized =
      host === 'index.docker.io' || host === 'registry-1.docker.io' || host === 'hub.docker.com'
        ? `docker.io${prefix.slice(host.length)}`
        : prefix;
    return globPattern(`${normalized}/**`).test(name);
  });
}

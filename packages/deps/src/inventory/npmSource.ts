import type { PackageSource } from './inventoryPackage.js';

const GIT_SPEC = /^(?:git\+|git:|github:|gitlab:|bitbucket:|gist:)/;
const LOCAL_SPEC = /^(?:file:|link:|workspace:|portal:)/;

/**
 * Where an npm-style `resolved` URL or version spec points. Registry tarballs (any registry,
 * including mirrors) live under a `/-/` path; any other http(s) URL is a plain tarball URL.
 */
export function npmSource(spec: string | undefined): PackageSource {
  if (spec === undefined || spec === '') return 'registry';
  if (LOCAL_SPEC.test(spec)) return 'local';
  if (GIT_SPEC.test(spec)) return 'git';
  if (/^https?:/.test(spec)) return spec.includes('/-/') ? 'registry' : 'url';
  return 'registry';
}

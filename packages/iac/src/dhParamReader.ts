import { readFileSync, realpathSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { dhParamBits } from './tls/dhParamBits.js';

/** DH parameter files are a few hundred bytes; anything much larger is something else. */
const MAX_DHPARAM_BYTES = 64 * 1024;

function realPath(path: string): string | undefined {
  try {
    return realpathSync(path);
  } catch {
    return undefined;
  }
}

function isInside(root: string, path: string): boolean {
  const rest = relative(root, path);
  return rest !== '' && !rest.startsWith('..') && !isAbsolute(rest);
}

function readBits(realRoot: string, candidate: string): number | undefined {
  const real = realPath(candidate);
  // Symlinks are resolved first: a link inside the tree must not lead the read out of it.
  if (real === undefined || !isInside(realRoot, real)) return undefined;
  try {
    const stats = statSync(real);
    if (!stats.isFile() || stats.size > MAX_DHPARAM_BYTES) return undefined;
    return dhParamBits(readFileSync(real, 'latin1'));
  } catch {
    return undefined;
  }
}

/**
 * The `dhParamBits` callback the TLS checkers take, for a configuration file at `configPath`
 * (relative to the scan root). It reads a referenced DH parameters file only inside the scan
 * root. A relative name resolves like the server's prefix would: against the configuration's
 * directory, then each parent up to the root (`conf.d/site.conf` naming `dhparam.pem` of the
 * nginx directory). Absolute names outside the tree (`/etc/ssl/dhparam.pem`) stay unknown.
 */
export function dhParamReader(
  root: string,
  configPath: string,
): (file: string) => number | undefined {
  return (file) => {
    const realRoot = realPath(root);
    if (realRoot === undefined) return undefined;
    const candidates: string[] = [];
    if (isAbsolute(file)) candidates.push(file);
    else
      for (let directory = dirname(join(root, configPath)); ; directory = dirname(directory)) {
        candidates.push(resolve(directory, file));
        if (!isInside(root, directory)) break;
      }
    for (const candidate of candidates) {
      const bits = readBits(realRoot, candidate);
      if (bits !== undefined) return bits;
    }
    return undefined;
  };
}

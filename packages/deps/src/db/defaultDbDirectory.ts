import { homedir } from 'node:os';
import { join } from 'node:path';

/**
 * Where the vulnerability database lives unless told otherwise: `$VIGIL_DB_DIR`, else `osv`
 * under the user's cache directory (`$VIGIL_CACHE_DIR`, `$XDG_CACHE_HOME/vigil`,
 * `~/Library/Caches/vigil` on macOS, `%LOCALAPPDATA%\vigil\cache` on Windows, `~/.cache/vigil`).
 */
export function defaultDbDirectory(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
  home: string = homedir(),
): string {
  if (env.VIGIL_DB_DIR) return env.VIGIL_DB_DIR;
  return join(cacheDirectory(env, platform, home), 'osv');
}

function cacheDirectory(env: NodeJS.ProcessEnv, platform: NodeJS.Platform, home: string): string {
  if (env.VIGIL_CACHE_DIR) return env.VIGIL_CACHE_DIR;
  if (env.XDG_CACHE_HOME) return join(env.XDG_CACHE_HOME, 'vigil');
  if (platform === 'darwin') return join(home, 'Library', 'Caches', 'vigil');
  if (platform === 'win32' && env.LOCALAPPDATA) return join(env.LOCALAPPDATA, 'vigil', 'cache');
  return join(home, '.cache', 'vigil');
}

import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { VigilError } from '../error.js';
import { formatConfigProblem, parseConfig } from './parseConfig.js';
import { defaultConfig, type VigilConfig } from './schema.js';

export const CONFIG_FILE_NAMES = ['vigil.yaml', 'vigil.yml'] as const;

export interface LoadedConfig {
  config: VigilConfig;
  /** The file it came from, or undefined for defaults. */
  file: string | undefined;
}

/**
 * Loads vigil.yaml (or vigil.yml) from `root`, or `explicitFile` when given.
 * An invalid file throws `CONFIG_INVALID` naming the file, key and position.
 */
export async function loadConfig(root: string, explicitFile?: string): Promise<LoadedConfig> {
  const candidates = explicitFile ? [explicitFile] : CONFIG_FILE_NAMES.map((n) => join(root, n));
  for (const file of candidates) {
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT' && !explicitFile) continue;
      throw new VigilError('CONFIG_UNREADABLE', `cannot read config ${file}`, { cause: error });
    }
    const result = parseConfig(text, file);
    if (!result.ok) {
      const lines = result.problems.map(formatConfigProblem);
      throw new VigilError('CONFIG_INVALID', `invalid config: ${lines.join('; ')}`);
    }
    return { config: result.config, file };
  }
  return { config: defaultConfig(), file: undefined };
}

import { z } from 'zod';
import { ConfigSchema } from './schema.js';

export const CONFIG_SCHEMA_URL = 'https://vigil.dev/schemas/vigil-config-v1.json';

/**
 * JSON Schema of vigil.yaml as users write it (docs/vigil.schema.json): editors with a YAML
 * language server validate and complete the file from it.
 */
export function configJsonSchema(): Record<string, unknown> {
  const { $schema, ...rest } = z.toJSONSchema(ConfigSchema, { io: 'input' });
  return { $schema, $id: CONFIG_SCHEMA_URL, title: 'vigil.yaml', ...rest };
}

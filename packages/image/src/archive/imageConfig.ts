/** The parts of an image's configuration (the OCI/Docker config JSON) that Vigil checks. */
export interface ImageConfig {
  os?: string;
  architecture?: string;
  variant?: string;
  /** `Config.User`; absent or empty means root. */
  user?: string;
  /** `Config.Env`, `NAME=value` strings. */
  env: string[];
  /** `Config.ExposedPorts` keys, e.g. `22/tcp`. */
  exposedPorts: string[];
  labels: Record<string, string>;
  /** `rootfs.diff_ids`: the digest of each layer's uncompressed tar, bottom first. */
  diffIds: string[];
  /** `history[].created_by`, the build steps (they can hold build arguments). */
  history: string[];
}

export type ImageConfigParse = { ok: true; config: ImageConfig } | { ok: false; problem: string };

/** Reads the config JSON by hand, field by field: an image is untrusted input. */
export function parseImageConfig(text: string): ImageConfigParse {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { ok: false, problem: `not JSON: ${(error as Error).message}` };
  }
  if (!isObject(json)) return { ok: false, problem: 'not a JSON object' };
  const inner = isObject(json.config) ? json.config : isObject(json.Config) ? json.Config : {};
  const rootfs = isObject(json.rootfs) ? json.rootfs : {};
  const history = Array.isArray(json.history) ? json.history : [];
  return {
    ok: true,
    config: {
      ...optionalString('os', json.os),
      ...optionalString('architecture', json.architecture),
      ...optionalString('variant', json.variant),
      ...optionalString('user', inner.User),
      env: strings(inner.Env),
      exposedPorts: isObject(inner.ExposedPorts) ? Object.keys(inner.ExposedPorts) : [],
      labels: isObject(inner.Labels)
        ? Object.fromEntries(
            Object.entries(inner.Labels).filter(
              (entry): entry is [string, string] => typeof entry[1] === 'string',
            ),
          )
        : {},
      diffIds: strings(rootfs.diff_ids),
      history: history.flatMap((step) =>
        isObject(step) && typeof step.created_by === 'string' ? [step.created_by] : [],
      ),
    },
  };
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function strings(value: unknown): string[] {
  return Array.isArray(value)
    ? value.filter((item): item is string => typeof item === 'string')
    : [];
}

function optionalString<K extends string>(key: K, value: unknown): Partial<Record<K, string>> {
  return typeof value === 'string' ? ({ [key]: value } as Record<K, string>) : {};
}

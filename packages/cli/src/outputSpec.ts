import { FORMATS, VigilError, type Format } from '@vigil/core';

export interface OutputTarget {
  format: Format;
  /** A file path. */
  file: string;
}

export function isFormat(value: string): value is Format {
  return (FORMATS as readonly string[]).includes(value);
}

/** `--output FILE` (in the `--format` format) or `--output FORMAT=FILE`. */
export function parseOutputSpec(spec: string, defaultFormat: Format): OutputTarget {
  const eq = spec.indexOf('=');
  if (eq > 0) {
    const format = spec.slice(0, eq);
    const file = spec.slice(eq + 1);
    if (!isFormat(format)) {
      throw new VigilError(
        'USAGE',
        `--output ${spec}: unknown format "${format}" (expected one of ${FORMATS.join(', ')})`,
      );
    }
    if (!file) throw new VigilError('USAGE', `--output ${spec}: missing file name`);
    return { format, file };
  }
  return { format: defaultFormat, file: spec };
}

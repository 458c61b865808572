/** An attack payload as events carry it: a short prefix and the length, never the whole value. */
export interface RedactedPayload {
  readonly prefix: string;
  readonly length: number;
}

const PREFIX_LENGTH = 8;

export function redactPayload(value: string): RedactedPayload {
  const prefix = Array.from(value.slice(0, PREFIX_LENGTH * 2))
    .slice(0, PREFIX_LENGTH)
    .join('');
  return { prefix, length: value.length };
}

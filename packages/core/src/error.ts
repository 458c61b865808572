/** Error codes a user can cause (exit 2) vs internal failures (exit 3). */
export type VigilErrorCode =
  | 'CONFIG_INVALID'
  | 'CONFIG_UNREADABLE'
  | 'USAGE'
  | 'PATH_NOT_FOUND'
  | 'NOT_A_GIT_REPOSITORY'
  | 'GIT_FAILED'
  | 'BASELINE_INVALID'
  | 'OUTPUT_FAILED'
  | 'HOOK_EXISTS'
  | 'DB_SOURCE_INVALID'
  | 'DB_DOWNLOAD_FAILED'
  | 'DB_LOCKED'
  | 'DB_UNREADABLE'
  | 'IMAGE_INVALID'
  | 'INTERNAL';

export class VigilError<Code extends VigilErrorCode = VigilErrorCode> extends Error {
  override readonly name = 'VigilError';
  readonly code: Code;

  constructor(code: Code, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }
}

export function isVigilError(value: unknown): value is VigilError {
  return value instanceof VigilError;
}

/** Whether the user can fix the error (exit 2) or it is a bug of ours (exit 3). */
export function isUserError(error: VigilError): boolean {
  return error.code !== 'INTERNAL';
}

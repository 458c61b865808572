/** Why a configuration was refused; `problems` names every bad field, one sentence each. */
export type RaspConfigErrorCode = 'CONFIG_INVALID' | 'CONFIG_UNREADABLE';

export class RaspConfigError extends Error {
  override readonly name = 'RaspConfigError';
  readonly code: RaspConfigErrorCode;
  readonly problems: readonly string[];

  constructor(
    code: RaspConfigErrorCode,
    problems: readonly string[],
    options?: { cause?: unknown },
  ) {
    super(problems.join('; '), options);
    this.code = code;
    this.problems = problems;
  }
}

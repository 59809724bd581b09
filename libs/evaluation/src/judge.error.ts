/** A judge could not score a sample, e.g. its model answered with something that is not the JSON asked for. */
export class JudgeError extends Error {
  constructor(
    message: string,
    /** Whether scoring the same sample again may succeed. */
    readonly retryable: boolean,
    options: { cause?: unknown } = {},
  ) {
    super(message, options);
    this.name = 'JudgeError';
  }
}

/** A failure that retrying cannot fix (corrupt or unsupported content, a refused model input). */
export class PermanentIngestionError extends Error {
  constructor(
    readonly step: string,
    message: string,
  ) {
    super(message);
  }
}

/** Carries the step a transient failure happened in, for the retry log and the final reason. */
export class StepError extends Error {
  constructor(
    readonly step: string,
    override readonly cause: unknown,
  ) {
    super(cause instanceof Error ? cause.message : String(cause));
  }
}

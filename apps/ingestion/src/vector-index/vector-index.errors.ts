/** Chunks still in the index after their deletion: the delete must be retried before reporting success. */
export class VectorDeleteIncompleteError extends Error {
  constructor(
    readonly tenantId: string,
    readonly remaining: number,
  ) {
    super(`${remaining} vectors of tenant ${tenantId} are still in the index after their deletion`);
    this.name = 'VectorDeleteIncompleteError';
  }
}

/** An id, tag or vector the index refuses (a caller bug: retrying will not help). */
export class VectorInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'VectorInputError';
  }
}

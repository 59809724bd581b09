/** An event that does not match its contract. Never retried: it goes to the dead-letter topic. */
export class ContractViolationError extends Error {
  constructor(
    message: string,
    readonly details: string[],
  ) {
    super(`${message}: ${details.join('; ')}`);
    this.name = 'ContractViolationError';
  }
}

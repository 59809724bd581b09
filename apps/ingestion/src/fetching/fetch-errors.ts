export type FetchRefusalCode =
  'invalid_url' | 'unsupported_scheme' | 'credentials_in_url' | 'private_address' | 'too_many_redirects';

/** The url is one the platform will not fetch: the client's fault (a 4xx). */
export class FetchRefusedError extends Error {
  constructor(
    readonly code: FetchRefusalCode,
    message: string,
  ) {
    super(message);
    this.name = 'FetchRefusedError';
  }
}

export type FetchFailureCode = 'timeout' | 'too_large' | 'http_status' | 'invalid_redirect' | 'network';

/** The remote end did not deliver (slow, too big, an error status, unreachable): a 422. */
export class FetchFailedError extends Error {
  constructor(
    readonly code: FetchFailureCode,
    message: string,
    readonly status?: number,
  ) {
    super(message);
    this.name = 'FetchFailedError';
  }
}

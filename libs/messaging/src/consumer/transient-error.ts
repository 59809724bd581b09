/** PostgreSQL: the server is shutting down, starting up, out of connections; a lost serialization race or deadlock. */
const TRANSIENT_SQLSTATES = new Set(['57P01', '57P02', '57P03', '53300', '40001', '40P01']);
/** SQLSTATE class 08: connection exceptions. */
const CONNECTION_EXCEPTION_CLASS = '08';
const TRANSIENT_SOCKET_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
]);
/** node-postgres reports a dropped or unobtainable connection with these messages and no code. */
const TRANSIENT_MESSAGES = [
  /connection terminated/i,
  /timeout exceeded when trying to connect/i,
  /is not queryable/i,
  /the database system is (starting up|shutting down|in recovery mode)/i,
];
/** A service that could not be reached or answered that it is unavailable (ServiceCallError from @rag/http). */
const TRANSIENT_SERVICE_STATUSES = new Set([undefined, 502, 503, 504]);

type Inspectable = Error & {
  code?: unknown;
  status?: unknown;
  driverError?: unknown;
  cause?: unknown;
  errors?: unknown;
};

/**
 * Whether `error` says a dependency is unavailable for now (PostgreSQL restarting, a connection
 * cut, a service down) rather than that the event cannot be processed. Consumers retry such
 * errors for as long as it lasts instead of dead-lettering events that are fine.
 */
export function isTransientError(error: unknown, depth = 0): boolean {
  if (!(error instanceof Error) || depth > 5) return false;
  const { code, status, driverError, cause, errors, name, message } = error as Inspectable;
  if (typeof code === 'string') {
    if (TRANSIENT_SQLSTATES.has(code) || TRANSIENT_SOCKET_CODES.has(code)) return true;
    if (/^[0-9A-Z]{5}$/.test(code) && code.startsWith(CONNECTION_EXCEPTION_CLASS)) return true;
  }
  if (name === 'ServiceCallError' && TRANSIENT_SERVICE_STATUSES.has(status as number | undefined)) return true;
  if (TRANSIENT_MESSAGES.some((pattern) => pattern.test(message))) return true;
  const nested = [driverError, cause, ...(Array.isArray(errors) ? errors : [])];
  return nested.some((inner) => isTransientError(inner, depth + 1));
}

import { isTransientError } from './transient-error';

function withProps(message: string, props: Record<string, unknown>): Error {
  return Object.assign(new Error(message), props);
}

describe('isTransientError', () => {
  it.each([
    ['PostgreSQL shutting down', withProps('terminating connection due to administrator command', { code: '57P01' })],
    ['PostgreSQL starting up', withProps('the database system is starting up', { code: '57P03' })],
    ['a connection exception (class 08)', withProps('connection failure', { code: '08006' })],
    ['too many connections', withProps('sorry, too many clients already', { code: '53300' })],
    ['a serialization failure', withProps('could not serialize access', { code: '40001' })],
    ['a refused connection', withProps('connect ECONNREFUSED 127.0.0.1:5432', { code: 'ECONNREFUSED' })],
    ['a dropped connection without a code', new Error('Connection terminated unexpectedly')],
    ['a pool that cannot connect', new Error('timeout exceeded when trying to connect')],
    [
      'a TypeORM error wrapping a driver error',
      withProps('query failed', { driverError: withProps('x', { code: '57P01' }) }),
    ],
    [
      'an error caused by a reset socket',
      new Error('request failed', { cause: withProps('reset', { code: 'ECONNRESET' }) }),
    ],
    ['an AggregateError of refused connections', new AggregateError([withProps('refused', { code: 'ECONNREFUSED' })])],
    ['an unreachable service', withProps('chat unreachable', { name: 'ServiceCallError', status: undefined })],
    ['a service answering 503', withProps('chat unavailable', { name: 'ServiceCallError', status: 503 })],
  ])('holds for %s', (_, error) => {
    expect(isTransientError(error)).toBe(true);
  });

  it.each([
    ['a unique violation', withProps('duplicate key', { code: '23505' })],
    ['a check violation', withProps('violates check constraint', { code: '23514' })],
    ['a syntax error in a query', withProps('syntax error', { code: '42601' })],
    ['a plain bug', new TypeError("Cannot read properties of undefined (reading 'id')")],
    ['a service refusing the request', withProps('bad request', { name: 'ServiceCallError', status: 400 })],
    ['a service failing with 500', withProps('internal error', { name: 'ServiceCallError', status: 500 })],
    ['something that is not an Error', { code: 'ECONNREFUSED' }],
  ])('does not hold for %s', (_, error) => {
    expect(isTransientError(error)).toBe(false);
  });

  it('does not follow causes forever', () => {
    const loop = new Error('loop');
    (loop as { cause?: unknown }).cause = loop;
    expect(isTransientError(loop)).toBe(false);
  });
});

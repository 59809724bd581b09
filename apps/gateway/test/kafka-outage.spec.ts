import { randomUUID } from 'node:crypto';
import { appPool, closePools, expectEventually, request, testBroker } from '@rag/testing';
import { ErrorBody, Stack, startStack } from './support/stack';

/** With no database, the gateway keeps its events in memory while Kafka is away, and sends them later. */
describe('gateway events while Kafka is down', () => {
  let stack: Stack;

  beforeAll(async () => {
    stack = await startStack();
  });

  afterAll(async () => {
    await testBroker.start(); // in case the test stopped half-way
    await stack?.stop();
    await closePools();
  });

  it('answers refusals at once during the outage and delivers their auth.failed events once Kafka is back', async () => {
    const userAgent = `kafka-outage/${randomUUID()}`;
    await testBroker.stop();
    for (let i = 0; i < 3; i++) {
      const started = Date.now();
      const answer = await request<ErrorBody>(stack.gateways[0].url, 'GET', '/v1/usage', undefined, {
        'user-agent': userAgent,
      });
      expect([answer.status, answer.body.error.code]).toEqual([401, 'missing_key']);
      expect(Date.now() - started).toBeLessThan(1000);
    }
    await testBroker.start();
    await expectEventually(async () => {
      const { rows } = await appPool('audit').query<{ n: number }>(
        `SELECT count(*)::int AS n FROM audit_logs WHERE action = 'auth.failed' AND user_agent = $1`,
        [userAgent],
      );
      expect(rows[0].n).toBe(3);
    }, 90_000);
  });
});

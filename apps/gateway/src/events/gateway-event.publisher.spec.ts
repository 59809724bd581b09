import { Logger } from '@nestjs/common';
import { AuthFailed, createEvent, EventEnvelope, SERVICE_ACTOR, TOPICS } from '@rag/contracts';
import { randomUUID } from 'node:crypto';
import { GatewayEnv } from '../gateway.env';
import { EventSink, GatewayEventPublisher } from './gateway-event.publisher';

type Sent = { topic: string; ids: string[] };

function event(): EventEnvelope<object> {
  return createEvent(AuthFailed, {
    tenantId: null,
    actor: { ...SERVICE_ACTOR, type: 'anonymous' },
    resourceId: randomUUID(),
    data: { reason: 'unknown_key', method: 'GET', route: '/v1/usage' },
  });
}

/** A sink that fails while `down` is set and records what it accepted. */
function sink() {
  const state = { down: false, sent: [] as Sent[] };
  const fake: EventSink = {
    send: async (topic, messages) => {
      if (state.down) throw new Error('broker down');
      state.sent.push({ topic, ids: messages.map((message) => JSON.parse(String(message.value)).id as string) });
    },
  };
  return { state, fake };
}

function publisher(fake: EventSink, capacity = 100): GatewayEventPublisher {
  return new GatewayEventPublisher(fake, Object.assign(new GatewayEnv(), { GATEWAY_EVENT_BUFFER_SIZE: capacity }));
}

describe('GatewayEventPublisher', () => {
  beforeAll(() => Logger.overrideLogger(false));
  afterEach(() => jest.useRealTimers());

  it('sends events to gateway.events keyed by tenant, in order', async () => {
    const { state, fake } = sink();
    const events = publisher(fake);
    const sent = [event(), event(), event()];
    sent.forEach((envelope) => events.publish(envelope));
    await events.flush();
    expect(state.sent.flatMap((batch) => batch.ids)).toEqual(sent.map((envelope) => envelope.id));
    expect(state.sent.every((batch) => batch.topic === TOPICS.gateway)).toBe(true);
    expect(events.backlog).toBe(0);
  });

  it('keeps events while Kafka is down and sends them, in order, once it is back', async () => {
    jest.useFakeTimers();
    const { state, fake } = sink();
    state.down = true;
    const events = publisher(fake);
    const sent = [event(), event()];
    sent.forEach((envelope) => events.publish(envelope));
    await events.flush();
    expect(events.failing).toBe(true);
    expect(events.backlog).toBe(2);
    const third = event();
    events.publish(third); // waits for the retry timer, not sent on its own
    state.down = false;
    await jest.advanceTimersByTimeAsync(300);
    await events.flush();
    expect(state.sent.flatMap((batch) => batch.ids)).toEqual([...sent, third].map((envelope) => envelope.id));
    expect(events.failing).toBe(false);
  });

  it('drops the oldest events beyond its capacity', async () => {
    const { state, fake } = sink();
    state.down = true;
    const events = publisher(fake, 3);
    const all = Array.from({ length: 5 }, () => event());
    all.forEach((envelope) => events.publish(envelope));
    await events.flush();
    expect(events.backlog).toBe(3);
    state.down = false;
    await events.onApplicationShutdown();
    expect(state.sent.flatMap((batch) => batch.ids)).toEqual(all.slice(2).map((envelope) => envelope.id));
  });
});

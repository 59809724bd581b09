import { EventEnvelope } from '@rag/contracts';
import { GatewayEventPublisher } from '../events/gateway-event.publisher';
import { UsageMeter } from './usage-meter';

const A = '11111111-1111-4111-8111-111111111111';
const B = '22222222-2222-4222-8222-222222222222';

function fakePublisher() {
  const state = { failing: false, published: [] as EventEnvelope<object>[] };
  const publisher = {
    get failing() {
      return state.failing;
    },
    publish: (envelope: EventEnvelope<object>) => state.published.push(envelope),
  };
  return { state, publisher: publisher as unknown as GatewayEventPublisher };
}

describe('UsageMeter', () => {
  it('publishes one usage.recorded per tenant per flush with its request count', () => {
    const { state, publisher } = fakePublisher();
    const meter = new UsageMeter(publisher);
    try {
      [A, A, B, A].forEach((tenant) => meter.count(tenant));
      meter.flush();
      expect(state.published.map((event) => [event.type, event.tenantId, event.resource, event.data])).toEqual([
        ['usage.recorded', A, { type: 'tenant', id: A }, { requests: 3, tokens: 0, storageBytes: 0 }],
        ['usage.recorded', B, { type: 'tenant', id: B }, { requests: 1, tokens: 0, storageBytes: 0 }],
      ]);
      meter.flush();
      expect(state.published).toHaveLength(2);
    } finally {
      meter.onModuleDestroy();
    }
  });

  it('keeps adding up while Kafka is failing, and sends the total once it is not', () => {
    const { state, publisher } = fakePublisher();
    const meter = new UsageMeter(publisher);
    try {
      state.failing = true;
      meter.count(A);
      meter.flush();
      meter.count(A);
      meter.flush();
      expect(state.published).toHaveLength(0);
      state.failing = false;
      meter.flush();
      expect(state.published.map((event) => event.data)).toEqual([{ requests: 2, tokens: 0, storageBytes: 0 }]);
    } finally {
      meter.onModuleDestroy();
    }
  });

  it('hands over what it counted at shutdown, Kafka failing or not', () => {
    const { state, publisher } = fakePublisher();
    const meter = new UsageMeter(publisher);
    state.failing = true;
    meter.count(B);
    meter.beforeApplicationShutdown();
    expect(state.published).toHaveLength(1);
  });
});

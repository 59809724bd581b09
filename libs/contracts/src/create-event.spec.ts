import { randomUUID } from 'node:crypto';
import { IsInt, Min } from 'class-validator';
import { SERVICE_ACTOR } from './actor';
import { ContractViolationError } from './contract-violation.error';
import { createEvent, parseEnvelope } from './create-event';
import { defineEvent, findEventDefinition } from './event-definition';
import { TenantCreated, TenantUpdated } from './events/tenant.events';
import { DEAD_LETTER_TOPIC, EVENT_TOPIC_PATTERN, TOPICS, topicForSource } from './topics';

const TRACEPARENT = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01';

function tenantUpdated(overrides: Partial<Parameters<typeof createEvent>[1]> = {}) {
  const tenantId = randomUUID();
  return createEvent(TenantUpdated, {
    tenantId,
    actor: { id: randomUUID(), type: 'user', ip: '203.0.113.7', userAgent: 'spec/1.0' },
    resourceId: tenantId,
    data: { changedFields: ['name'] },
    ...overrides,
  });
}

/** Rejection details of parseEnvelope, or a failure when it accepts. */
function rejection(raw: unknown, expected?: Parameters<typeof parseEnvelope>[1]): ContractViolationError {
  try {
    parseEnvelope(raw, expected);
  } catch (error) {
    expect(error).toBeInstanceOf(ContractViolationError);
    return error as ContractViolationError;
  }
  throw new Error(`accepted ${JSON.stringify(raw)}`);
}

describe('createEvent', () => {
  it('fills the envelope from the definition and the new event', () => {
    const tenantId = randomUUID();
    const resourceId = randomUUID();
    const occurredAt = new Date('2026-03-04T05:06:07.089Z');
    const event = createEvent(TenantCreated, {
      tenantId,
      actor: SERVICE_ACTOR,
      resourceId,
      data: { status: 'active', retentionDays: 30 },
      occurredAt,
      traceparent: TRACEPARENT,
    });
    expect(event).toEqual({
      id: expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/),
      type: 'tenant.created',
      version: 1,
      source: 'identity',
      tenantId,
      actor: SERVICE_ACTOR,
      resource: { type: 'tenant', id: resourceId },
      occurredAt: '2026-03-04T05:06:07.089Z',
      traceparent: TRACEPARENT,
      data: { status: 'active', retentionDays: 30 },
    });
  });

  it('gives every event its own id, the current time and no traceparent by default', () => {
    const before = Date.now();
    const [first, second] = [tenantUpdated(), tenantUpdated()];
    expect(first.id).not.toBe(second.id);
    expect(first.traceparent).toBeNull();
    expect(Date.parse(first.occurredAt)).toBeGreaterThanOrEqual(before);
    expect(Date.parse(first.occurredAt)).toBeLessThanOrEqual(Date.now());
  });

  it('accepts platform events without a tenant', () => {
    expect(tenantUpdated({ tenantId: null }).tenantId).toBeNull();
  });

  it('refuses data that breaks the contract, naming the field', () => {
    expect(() => tenantUpdated({ data: { changedFields: 'name' } })).toThrow(/changedFields/);
    expect(() =>
      createEvent(TenantCreated, {
        tenantId: null,
        actor: SERVICE_ACTOR,
        resourceId: randomUUID(),
        data: { status: 'gone' as never, retentionDays: null },
      }),
    ).toThrow(ContractViolationError);
    expect(() =>
      createEvent(TenantCreated, {
        tenantId: null,
        actor: SERVICE_ACTOR,
        resourceId: randomUUID(),
        data: { status: 'active', retentionDays: 0 },
      }),
    ).toThrow(/retentionDays/);
  });

  it('refuses a bad resource id, tenant id, actor or traceparent', () => {
    expect(() => tenantUpdated({ resourceId: 'not-a-uuid' })).toThrow(/resource\.id/);
    expect(() => tenantUpdated({ tenantId: 'tenant-1' })).toThrow(/tenantId/);
    expect(() => tenantUpdated({ actor: { type: 'robot' as never } })).toThrow(/actor\.type/);
    expect(() => tenantUpdated({ actor: { type: 'user', id: 'bob' } })).toThrow(/actor\.id/);
    expect(() => tenantUpdated({ actor: { type: 'user', ip: 'x'.repeat(65) } })).toThrow(/actor\.ip/);
    expect(() => tenantUpdated({ traceparent: 'not-a-traceparent' })).toThrow(/traceparent/);
  });
});

describe('parseEnvelope', () => {
  it('returns a valid envelope as it was received (a round trip through JSON)', () => {
    const event = tenantUpdated({ traceparent: TRACEPARENT });
    const received = JSON.parse(JSON.stringify(event)) as unknown;
    expect(parseEnvelope(received)).toBe(received);
    expect(parseEnvelope(received, TenantUpdated)).toEqual(event);
  });

  it('rejects anything that is not a JSON object', () => {
    for (const raw of [null, undefined, 'tenant.updated', 42, [tenantUpdated()]]) {
      expect(rejection(raw).details).toEqual(['expected a JSON object']);
    }
  });

  it.each([
    ['id', { id: 'abc' }],
    ['type', { type: 'TenantUpdated' }],
    ['type', { type: 'tenant' }],
    ['version', { version: 0 }],
    ['version', { version: 1.5 }],
    ['source', { source: 'Identity' }],
    ['occurredAt', { occurredAt: '2026-02-30T00:00:00Z' }],
    ['occurredAt', { occurredAt: 'yesterday' }],
    ['data', { data: null }],
    ['data', { data: ['name'] }],
    ['resource.type', { resource: { type: 'Tenant', id: randomUUID() } }],
    ['actor', { actor: null }],
  ])('rejects a bad %s', (field, overrides) => {
    const error = rejection({ ...tenantUpdated(), ...overrides });
    expect(error.message).toMatch(/^invalid event envelope/);
    expect(error.details.some((detail) => detail.startsWith(`${field}:`) || detail.startsWith(`${field}.`))).toBe(true);
  });

  it.each(['actor', 'resource'])('rejects an envelope without %s', (field) => {
    const envelope: Record<string, unknown> = { ...tenantUpdated() };
    delete envelope[field];
    expect(rejection(envelope).details.some((detail) => detail.startsWith(`${field}:`))).toBe(true);
  });

  it('rejects an actor given as an array', () => {
    expect(rejection({ ...tenantUpdated(), actor: [SERVICE_ACTOR] }).details.some((d) => d.startsWith('actor'))).toBe(
      true,
    );
  });

  it('validates the data of a known type and version', () => {
    const error = rejection({ ...tenantUpdated(), data: { changedFields: [1, 2] } });
    expect(error.message).toMatch(/^invalid tenant\.updated v1 data/);
    expect(error.details.join()).toMatch(/changedFields/);
  });

  it('passes unknown types and unknown versions of known types on the envelope alone', () => {
    const unknownType = { ...tenantUpdated(), type: 'widget.spun', data: { anything: true } };
    expect(parseEnvelope(unknownType)).toBe(unknownType);
    const newerVersion = { ...tenantUpdated(), version: 2, data: { changedFields: 'no longer a list' } };
    expect(parseEnvelope(newerVersion)).toBe(newerVersion);
  });

  it('checks type and version against the expected definition', () => {
    const event = tenantUpdated();
    expect(rejection(event, TenantCreated).details).toEqual(['expected tenant.created v1, got tenant.updated v1']);
    expect(rejection({ ...event, version: 2 }, TenantUpdated).details).toEqual([
      'expected tenant.updated v1, got tenant.updated v2',
    ]);
  });
});

describe('defineEvent', () => {
  class SpecThingData {
    @IsInt()
    @Min(0)
    count!: number;
  }

  const SpecThing = defineEvent({
    type: 'spec_thing.counted',
    version: 1,
    source: 'spec-svc',
    resourceType: 'spec_thing',
    data: SpecThingData,
  });

  it('registers the definition so received events are validated by it', () => {
    expect(findEventDefinition('spec_thing.counted')).toBe(SpecThing);
    expect(findEventDefinition('spec_thing.unknown')).toBeUndefined();
    const event = createEvent(SpecThing, {
      tenantId: null,
      actor: SERVICE_ACTOR,
      resourceId: randomUUID(),
      data: { count: 3 },
    });
    expect(event.source).toBe('spec-svc');
    expect(rejection({ ...event, data: { count: -1 } }).details).toEqual(['count: count must not be less than 0']);
  });

  it('refuses to define a type twice', () => {
    expect(() => defineEvent({ ...SpecThing, version: 2 })).toThrow('event type spec_thing.counted is defined twice');
    expect(findEventDefinition('spec_thing.counted')).toBe(SpecThing);
  });
});

describe('topics', () => {
  it('derives each source topic and matches domain topics only', () => {
    expect(topicForSource('identity')).toBe(TOPICS.identity);
    for (const topic of Object.values(TOPICS)) expect(EVENT_TOPIC_PATTERN.test(topic)).toBe(true);
    expect(EVENT_TOPIC_PATTERN.test(topicForSource('spec-svc'))).toBe(true);
    expect(EVENT_TOPIC_PATTERN.test(DEAD_LETTER_TOPIC)).toBe(false);
    expect(EVENT_TOPIC_PATTERN.test('identity.events.retry')).toBe(false);
    expect(EVENT_TOPIC_PATTERN.test('__consumer_offsets')).toBe(false);
  });
});

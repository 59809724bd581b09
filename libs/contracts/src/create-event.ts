import { randomUUID } from 'node:crypto';
import { Actor } from './actor';
import { EventEnvelope } from './envelope';
import { ContractViolationError } from './contract-violation.error';
import { EventDefinition, findEventDefinition } from './event-definition';
import { validatePlain } from './validate';

export interface NewEvent<TData extends object> {
  tenantId: string | null;
  actor: Actor;
  resourceId: string;
  data: TData;
  traceparent?: string | null;
  occurredAt?: Date;
}

/** Builds a complete envelope for `definition` and validates it before it can be stored. */
export function createEvent<TData extends object>(
  definition: EventDefinition<TData>,
  event: NewEvent<TData>,
): EventEnvelope<TData> {
  const envelope = {
    id: randomUUID(),
    type: definition.type,
    version: definition.version,
    source: definition.source,
    tenantId: event.tenantId,
    actor: event.actor,
    resource: { type: definition.resourceType, id: event.resourceId },
    occurredAt: (event.occurredAt ?? new Date()).toISOString(),
    traceparent: event.traceparent ?? null,
    data: event.data,
  };
  parseEnvelope(envelope, definition);
  return envelope;
}

/**
 * Validates a received envelope, and its data when this build knows the type and version.
 * Unknown types pass on their envelope alone, so the audit app records new services' events.
 */
export function parseEnvelope<TData extends object>(
  raw: unknown,
  expected?: EventDefinition<TData>,
): EventEnvelope<TData> {
  const envelope = validatePlain(EventEnvelope, raw, 'invalid event envelope');
  if (expected && (envelope.type !== expected.type || envelope.version !== expected.version)) {
    throw new ContractViolationError('unexpected event', [
      `expected ${expected.type} v${expected.version}, got ${envelope.type} v${envelope.version}`,
    ]);
  }
  const definition = expected ?? findEventDefinition(envelope.type);
  if (definition && definition.version === envelope.version) {
    validatePlain(definition.data, envelope.data, `invalid ${envelope.type} v${envelope.version} data`);
  }
  return raw as EventEnvelope<TData>;
}

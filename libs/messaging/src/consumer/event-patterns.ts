import { BaseRpcContext } from '@nestjs/microservices';
import { EventEnvelope } from '@rag/contracts';

/**
 * `@EventPattern(ALL_DOMAIN_EVENTS)`: the handler receives a DomainEventBatch of every event on
 * every `*.events` topic, including topics created after start. Other patterns are event
 * types (`@EventPattern('tenant.created')`), handled one by one.
 */
export const ALL_DOMAIN_EVENTS = 'domain-events:*';

export interface DomainEventBatch {
  topic: string;
  partition: number;
  events: EventEnvelope[];
}

export class KafkaEventContext extends BaseRpcContext<[topic: string, partition: number, offset: string]> {
  get topic(): string {
    return this.args[0];
  }
  get partition(): number {
    return this.args[1];
  }
  get offset(): string {
    return this.args[2];
  }
}

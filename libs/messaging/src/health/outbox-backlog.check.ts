import { Inject, Injectable } from '@nestjs/common';
import { ReadinessCheck } from '@rag/observability';
import { DataSource } from 'typeorm';
import { DEFAULT_RELAY_TUNING, MESSAGING_OPTIONS, MessagingOptions } from '../messaging.options';
import { readOutboxBacklog } from '../outbox/outbox-backlog';

/** Unsent events piling up means Kafka is unreachable or the relay is stuck. */
@Injectable()
export class OutboxBacklogCheck implements ReadinessCheck {
  readonly name = 'outbox';
  private readonly maxAgeMs: number;

  constructor(
    private readonly dataSource: DataSource,
    @Inject(MESSAGING_OPTIONS) options: MessagingOptions,
  ) {
    this.maxAgeMs = options.relay?.maxHealthyAgeMs ?? DEFAULT_RELAY_TUNING.maxHealthyAgeMs;
  }

  async check(): Promise<{ healthy: boolean; details?: Record<string, unknown> }> {
    const { backlog, oldestMs } = await readOutboxBacklog(this.dataSource);
    return { healthy: oldestMs <= this.maxAgeMs, details: { backlog, oldestMs } };
  }
}

import { EventPattern, Payload } from '@nestjs/microservices';
import { EventEnvelope, ObjectRegistered, ObjectRequeued } from '@rag/contracts';
import { EventConsumer } from '@rag/messaging';
import { PipelineWorker } from './pipeline.worker';

/** object.registered and object.requeued start an ingestion attempt (once: the claim is atomic). */
@EventConsumer()
export class ObjectEventsConsumer {
  constructor(private readonly worker: PipelineWorker) {}

  @EventPattern(ObjectRegistered.type)
  async registered(@Payload() event: EventEnvelope): Promise<void> {
    await this.start(event);
  }

  @EventPattern(ObjectRequeued.type)
  async requeued(@Payload() event: EventEnvelope): Promise<void> {
    await this.start(event);
  }

  private async start(event: EventEnvelope): Promise<void> {
    if (!event.tenantId || !event.resource.id) return;
    await this.worker.start(event.tenantId, event.resource.id);
  }
}

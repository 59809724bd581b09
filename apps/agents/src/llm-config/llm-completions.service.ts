import { randomUUID } from 'node:crypto';
import { HttpStatus, Injectable } from '@nestjs/common';
import { LlmCompleteDto, LlmCompletionView } from '@rag/api';
import { createEvent, LlmCompletionUsed, SERVICE_ACTOR } from '@rag/contracts';
import { TenantScope } from '@rag/database';
import { ApiError, requireTenant } from '@rag/http';
import { AllProvidersFailedError, costUsd } from '@rag/llm';
import { OutboxPublisher } from '@rag/messaging';
import { DataSource } from 'typeorm';
import { AgentsEnv } from '../agents.env';
import { TenantModels } from './tenant-models';

/** One completion from the tenant's providers for another service, its tokens metered like a run's. */
@Injectable()
export class LlmCompletions {
  constructor(
    private readonly env: AgentsEnv,
    private readonly models: TenantModels,
    private readonly dataSource: DataSource,
    private readonly outbox: OutboxPublisher,
  ) {}

  async complete(scope: TenantScope, input: LlmCompleteDto): Promise<LlmCompletionView> {
    const tenantId = requireTenant(scope, 'an LLM completion');
    const { completion } = await this.models.chain
      .complete(await this.models.stepsFor(tenantId), input.messages, { timeoutMs: this.env.LLM_TIMEOUT_MS })
      .catch((error: unknown) => {
        if (!(error instanceof AllProvidersFailedError)) throw error;
        throw new ApiError(HttpStatus.SERVICE_UNAVAILABLE, 'llm_unavailable', error.message);
      });
    const { inputTokens, outputTokens } = completion.usage;
    await this.dataSource.transaction((manager) =>
      this.outbox.publish(
        manager,
        createEvent(LlmCompletionUsed, {
          tenantId,
          actor: SERVICE_ACTOR,
          resourceId: randomUUID(),
          data: {
            purpose: input.purpose,
            provider: completion.provider,
            model: completion.model,
            inputTokens,
            outputTokens,
            costUsd: costUsd(completion.usage, this.env.LLM_PRICES[completion.model]),
          },
        }),
      ),
    );
    return { text: completion.text, provider: completion.provider, model: completion.model, inputTokens, outputTokens };
  }
}

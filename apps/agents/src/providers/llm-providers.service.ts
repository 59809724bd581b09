import { randomUUID } from 'node:crypto';
import { HttpStatus, Injectable } from '@nestjs/common';
import { LlmProviderView, RegisterLlmProviderDto } from '@rag/api';
import { Actor, createEvent, LlmProviderRegistered } from '@rag/contracts';
import { isUniqueViolation, TenantScope } from '@rag/database';
import { ApiError } from '@rag/http';
import { OutboxPublisher } from '@rag/messaging';
import { DataSource } from 'typeorm';
import { LlmProviderRow, toLlmProviderView } from './llm-provider.entity';

class SystemScopeRequiredError extends ApiError {
  constructor() {
    super(HttpStatus.FORBIDDEN, 'system_scope_required', 'registering an LLM provider needs a system key');
  }
}

class ProviderNameTakenError extends ApiError {
  constructor(name: string) {
    super(HttpStatus.CONFLICT, 'llm_provider_name_taken', `an LLM provider is already named ${name}`);
  }
}

class ProviderSettingsError extends ApiError {
  constructor(message: string) {
    super(HttpStatus.BAD_REQUEST, 'invalid_llm_provider', message);
  }
}

/** The platform's LLM providers: global rows, registered by system admins. */
@Injectable()
export class LlmProvidersService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: OutboxPublisher,
  ) {}

  async register(scope: TenantScope, input: RegisterLlmProviderDto, actor: Actor): Promise<LlmProviderView> {
    if (scope.kind !== 'all-tenants') throw new SystemScopeRequiredError();
    const remote = input.type !== 'local-extractive';
    if (remote && !input.baseUrl) throw new ProviderSettingsError(`a ${input.type} provider needs baseUrl`);
    if (!remote && (input.baseUrl || input.credentialsRef)) {
      throw new ProviderSettingsError('the local-extractive answerer takes no baseUrl or credentialsRef');
    }
    const row: LlmProviderRow = {
      id: randomUUID(),
      name: input.name,
      type: input.type,
      baseUrl: input.baseUrl ?? null,
      credentialsRef: input.credentialsRef ?? null,
      createdAt: new Date(),
    };
    try {
      await this.dataSource.transaction(async (manager) => {
        await manager.getRepository(LlmProviderRow).insert(row);
        await this.outbox.publish(
          manager,
          createEvent(LlmProviderRegistered, { tenantId: null, actor, resourceId: row.id, data: { type: row.type } }),
        );
      });
    } catch (error) {
      if (isUniqueViolation(error, 'llm_providers_name_key')) throw new ProviderNameTakenError(input.name);
      throw error;
    }
    return toLlmProviderView(row);
  }

  async list(): Promise<{ items: LlmProviderView[] }> {
    const rows = await this.dataSource.getRepository(LlmProviderRow).find({ order: { name: 'ASC' } });
    return { items: rows.map(toLlmProviderView) };
  }
}

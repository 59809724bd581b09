import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { tenantScope, TenantScopedRepository } from '@rag/database';
import { EntityManager } from 'typeorm';
import { EmbeddingRegistration } from './embedding-registration.entity';

const registrations = new TenantScopedRepository(EmbeddingRegistration, 'tenantId');

/** embeddings_registry: the row naming a tenant's vectors of one model and where they are. */
@Injectable()
export class EmbeddingRegistry {
  async ensure(manager: EntityManager, tenantId: string, modelName: string, vectorStoreId: string): Promise<string> {
    const scope = tenantScope(tenantId);
    await manager.query(
      `INSERT INTO embeddings_registry (id, tenant_id, vector_store_id, model_name)
       VALUES ($1, $2, $3, $4) ON CONFLICT (tenant_id, model_name) DO NOTHING`,
      [randomUUID(), tenantId, vectorStoreId, modelName],
    );
    const row = await registrations.findOne(manager, scope, { tenantId, modelName });
    if (!row) throw new Error(`embeddings_registry row of ${modelName} for tenant ${tenantId} vanished`);
    return row.id;
  }
}

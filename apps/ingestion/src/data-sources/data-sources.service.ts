import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { CreateDataSourceDto, DataSourceView, ListDataSourcesQuery } from '@rag/api';
import { Actor, createEvent, DataSourceCreated, DataSourceDeleted } from '@rag/contracts';
import { isUniqueViolation, TenantScope, TenantScopedRepository } from '@rag/database';
import { NotFoundError, Page, pageByCreatedAt, requireTenant } from '@rag/http';
import { OutboxPublisher } from '@rag/messaging';
import { DataSource, EntityManager } from 'typeorm';

import { DataSourceRow, toDataSourceView } from './data-source.entity';
import { DataSourceDeletedError, DataSourceNameTakenError, InvalidChunkingError } from './data-source.errors';

export const dataSources = new TenantScopedRepository(DataSourceRow, 'tenantId');

/** A tenant's data sources; removing one is a soft delete (its objects stay until deleted). */
@Injectable()
export class DataSourcesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: OutboxPublisher,
  ) {}

  async create(scope: TenantScope, input: CreateDataSourceDto, actor: Actor): Promise<DataSourceView> {
    const tenantId = requireTenant(scope, 'creating a data source');
    if (input.chunking && input.chunking.chunkOverlap * 2 >= input.chunking.chunkSize) {
      throw new InvalidChunkingError('chunking.chunkOverlap must be under half of chunking.chunkSize');
    }
    const row: DataSourceRow = {
      id: randomUUID(),
      tenantId,
      name: input.name,
      type: input.type,
      createdAt: new Date(),
      metadata: input.chunking ? { chunking: { ...input.chunking } } : {},
      deletedAt: null,
    };
    try {
      await this.dataSource.transaction(async (manager) => {
        await dataSources.insert(manager, scope, row);
        await this.outbox.publish(
          manager,
          createEvent(DataSourceCreated, { tenantId, actor, resourceId: row.id, data: { type: row.type } }),
        );
      });
    } catch (error) {
      if (isUniqueViolation(error, 'data_sources_live_name_key')) throw new DataSourceNameTakenError();
      throw error;
    }
    return toDataSourceView(row);
  }

  async get(scope: TenantScope, id: string): Promise<DataSourceView> {
    return toDataSourceView(await this.find(this.dataSource.manager, scope, id));
  }

  async list(scope: TenantScope, query: ListDataSourcesQuery): Promise<Page<DataSourceView>> {
    const builder = dataSources.query(this.dataSource.manager, scope, 'd').andWhere('d.deletedAt IS NULL');
    if (query.type) builder.andWhere('d.type = :type', { type: query.type });
    return pageByCreatedAt(builder, 'd', query, 'ASC', toDataSourceView);
  }

  async remove(scope: TenantScope, id: string, actor: Actor): Promise<DataSourceView> {
    return this.dataSource.transaction(async (manager) => {
      const row = await dataSources.findOneForUpdate(manager, scope, { id });
      if (!row) throw new NotFoundError('data_source', id);
      if (row.deletedAt) throw new DataSourceDeletedError(id);
      row.deletedAt = new Date();
      await dataSources.update(manager, scope, { id }, { deletedAt: row.deletedAt });
      await this.outbox.publish(
        manager,
        createEvent(DataSourceDeleted, { tenantId: row.tenantId, actor, resourceId: id, data: { type: row.type } }),
      );
      return toDataSourceView(row);
    });
  }

  /** A live data source of the scope, for registering objects into it. */
  async findLive(manager: EntityManager, scope: TenantScope, id: string): Promise<DataSourceRow> {
    const row = await this.find(manager, scope, id);
    if (row.deletedAt) throw new DataSourceDeletedError(id);
    return row;
  }

  private async find(manager: EntityManager, scope: TenantScope, id: string): Promise<DataSourceRow> {
    const row = await dataSources.findOne(manager, scope, { id });
    if (!row) throw new NotFoundError('data_source', id);
    return row;
  }
}

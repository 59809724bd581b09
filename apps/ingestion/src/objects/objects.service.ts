import { Injectable } from '@nestjs/common';
import { ListObjectsQuery, ObjectView } from '@rag/api';
import { TenantScope } from '@rag/database';
import { NotFoundError, Page, pageByCreatedAt } from '@rag/http';
import { DataSource } from 'typeorm';
import { ingestedObjects, ObjectRegistrationService } from './object-registration.service';

/** Reading objects: status, chunk count and the failure reason of each. */
@Injectable()
export class ObjectsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly registration: ObjectRegistrationService,
  ) {}

  async get(scope: TenantScope, id: string): Promise<ObjectView> {
    const row = await ingestedObjects.findOne(this.dataSource.manager, scope, { id });
    if (!row) throw new NotFoundError('object', id);
    return this.registration.view(row);
  }

  list(scope: TenantScope, query: ListObjectsQuery): Promise<Page<ObjectView>> {
    const builder = ingestedObjects.query(this.dataSource.manager, scope, 'o');
    if (query.dataSourceId) builder.andWhere('o.dataSourceId = :dataSourceId', { dataSourceId: query.dataSourceId });
    if (query.status) builder.andWhere('o.status = :status', { status: query.status });
    else builder.andWhere(`o.status <> 'deleted'`);
    return pageByCreatedAt(builder, 'o', query, 'ASC', (row) => this.registration.view(row));
  }
}

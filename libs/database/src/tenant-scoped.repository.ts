import {
  And,
  EntityManager,
  Equal,
  FindOperator,
  EntityTarget,
  FindOptionsWhere,
  ObjectLiteral,
  Repository,
  SelectQueryBuilder,
} from 'typeorm';
import { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { TenantScope } from './tenant-scope';

/**
 * The one way apps query tenant-owned tables: every method takes a TenantScope and adds the
 * tenant condition itself. `tenantColumn` is the property holding the tenant id (`tenantId`
 * on most tables, `id` on tenants).
 */
export class TenantScopedRepository<E extends ObjectLiteral> {
  constructor(
    private readonly target: EntityTarget<E>,
    private readonly tenantColumn: keyof E & string,
  ) {}

  private repository(manager: EntityManager): Repository<E> {
    return manager.getRepository(this.target);
  }

  /** Adds the tenant condition; a condition the caller put on the same column must hold too. */
  private scoped(scope: TenantScope, where: FindOptionsWhere<E>): FindOptionsWhere<E> {
    if (scope.kind === 'all-tenants') return where;
    const asked: unknown = where[this.tenantColumn];
    const condition =
      asked === undefined
        ? Equal(scope.tenantId)
        : And(Equal(scope.tenantId), asked instanceof FindOperator ? asked : Equal(asked));
    return { ...where, [this.tenantColumn]: condition } as FindOptionsWhere<E>;
  }

  /** A query builder already filtered to the scope; add conditions with andWhere. */
  query(manager: EntityManager, scope: TenantScope, alias: string): SelectQueryBuilder<E> {
    const builder = this.repository(manager).createQueryBuilder(alias);
    if (scope.kind === 'all-tenants') return builder.where('TRUE');
    return builder.where(`${alias}.${this.tenantColumn} = :scopeTenantId`, { scopeTenantId: scope.tenantId });
  }

  findOne(manager: EntityManager, scope: TenantScope, where: FindOptionsWhere<E>): Promise<E | null> {
    return this.repository(manager).findOne({ where: this.scoped(scope, where) });
  }

  /** Row-locks the match for the rest of the transaction. */
  findOneForUpdate(manager: EntityManager, scope: TenantScope, where: FindOptionsWhere<E>): Promise<E | null> {
    return this.repository(manager).findOne({ where: this.scoped(scope, where), lock: { mode: 'pessimistic_write' } });
  }

  async insert(manager: EntityManager, scope: TenantScope, entity: E): Promise<E> {
    if (scope.kind === 'tenant' && entity[this.tenantColumn] !== scope.tenantId) {
      throw new Error(`refusing to insert a row of another tenant into ${String(this.tenantColumn)}`);
    }
    await this.repository(manager).insert(entity as QueryDeepPartialEntity<E>);
    return entity;
  }

  async update(
    manager: EntityManager,
    scope: TenantScope,
    where: FindOptionsWhere<E>,
    changes: QueryDeepPartialEntity<E>,
  ): Promise<number> {
    const result = await this.repository(manager).update(this.scoped(scope, where), changes);
    return result.affected ?? 0;
  }

  /** Deletes the scope's matching rows (configuration, never content kept for audit). */
  async delete(manager: EntityManager, scope: TenantScope, where: FindOptionsWhere<E>): Promise<number> {
    const result = await this.repository(manager).delete(this.scoped(scope, where));
    return result.affected ?? 0;
  }
}

import { TenantScope, TenantScopedRepository } from '@rag/database';
import { NotFoundError } from '@rag/http';
import { EntityManager } from 'typeorm';
import { Tenant } from './tenant.entity';
import { TenantDeletedError } from './tenant.errors';

export const tenants = new TenantScopedRepository(Tenant, 'id');

/**
 * The tenant `id` in `scope`, row-locked for the transaction when `lock` (so it cannot be
 * deleted meanwhile); 404 when the scope cannot see it, 409 when it is deleted.
 */
export async function findLiveTenant(
  manager: EntityManager,
  scope: TenantScope,
  id: string,
  lock: 'update' | 'none',
): Promise<Tenant> {
  const tenant =
    lock === 'update'
      ? await tenants.findOneForUpdate(manager, scope, { id })
      : await tenants.findOne(manager, scope, { id });
  if (!tenant) throw new NotFoundError('tenant', id);
  if (tenant.status === 'deleted') throw new TenantDeletedError(id);
  return tenant;
}

import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { CreateUserDto, ListUsersQuery, UpdateUserDto, UserView } from '@rag/api';
import { Actor, createEvent, UserCreated, UserDeleted, UserUpdated } from '@rag/contracts';
import { TenantScope, TenantScopedRepository } from '@rag/database';
import { NotFoundError, Page, pageByCreatedAt, TenantScopeRequiredError } from '@rag/http';
import { OutboxPublisher } from '@rag/messaging';
import { DataSource, EntityManager } from 'typeorm';
import { givenFields } from '../common/changes';
import { isUniqueViolation } from '@rag/database';
import { EmptyUpdateError } from '../common/scope.errors';
import { findLiveTenant } from '../tenants/live-tenant';
import { toUserView, User } from './user.entity';
import { UserDeletedError, UserEmailTakenError } from './user.errors';

const users = new TenantScopedRepository(User, 'tenantId');

/** A tenant's users and their roles; every change commits with its event (outbox). */
@Injectable()
export class UsersService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: OutboxPublisher,
  ) {}

  async create(scope: TenantScope, input: CreateUserDto, actor: Actor): Promise<UserView> {
    if (scope.kind !== 'tenant') throw new TenantScopeRequiredError('creating a user');
    const user: User = {
      id: randomUUID(),
      tenantId: scope.tenantId,
      email: input.email,
      role: input.role,
      status: 'active',
      createdAt: new Date(),
      lastLoginAt: null,
    };
    await this.write(async (manager) => {
      await findLiveTenant(manager, scope, scope.tenantId, 'none');
      await users.insert(manager, scope, user);
      await this.outbox.publish(
        manager,
        createEvent(UserCreated, {
          tenantId: user.tenantId,
          actor,
          resourceId: user.id,
          data: { role: user.role, status: user.status },
        }),
      );
    });
    return toUserView(user);
  }

  async get(scope: TenantScope, id: string): Promise<UserView> {
    const user = await users.findOne(this.dataSource.manager, scope, { id });
    if (!user) throw new NotFoundError('user', id);
    return toUserView(user);
  }

  async list(scope: TenantScope, query: ListUsersQuery): Promise<Page<UserView>> {
    const builder = users.query(this.dataSource.manager, scope, 'u');
    if (query.role) builder.andWhere('u.role = :role', { role: query.role });
    if (query.status) builder.andWhere('u.status = :status', { status: query.status });
    return pageByCreatedAt(builder, 'u', query, 'ASC', toUserView);
  }

  /** Changes role and/or status; publishes user.updated only when something changed. */
  async update(scope: TenantScope, id: string, input: UpdateUserDto, actor: Actor): Promise<UserView> {
    const changes = givenFields(input);
    if (Object.keys(changes).length === 0) throw new EmptyUpdateError(['role', 'status']);
    return this.write(async (manager) => {
      const user = await this.lockLive(manager, scope, id);
      const changedFields = (Object.keys(changes) as (keyof UpdateUserDto)[]).filter(
        (field) => changes[field] !== user[field],
      );
      if (changedFields.length === 0) return toUserView(user);
      Object.assign(user, changes);
      await users.update(manager, scope, { id }, changes);
      await this.outbox.publish(
        manager,
        createEvent(UserUpdated, {
          tenantId: user.tenantId,
          actor,
          resourceId: id,
          data: { changedFields, role: user.role, status: user.status },
        }),
      );
      return toUserView(user);
    });
  }

  /** Soft delete: status `deleted`; the email is free again for a new user. */
  async remove(scope: TenantScope, id: string, actor: Actor): Promise<UserView> {
    return this.dataSource.transaction(async (manager) => {
      const user = await this.lockLive(manager, scope, id);
      const previousStatus = user.status;
      user.status = 'deleted';
      await users.update(manager, scope, { id }, { status: user.status });
      await this.outbox.publish(
        manager,
        createEvent(UserDeleted, { tenantId: user.tenantId, actor, resourceId: id, data: { previousStatus } }),
      );
      return toUserView(user);
    });
  }

  private async lockLive(manager: EntityManager, scope: TenantScope, id: string): Promise<User> {
    const user = await users.findOneForUpdate(manager, scope, { id });
    if (!user) throw new NotFoundError('user', id);
    if (user.status === 'deleted') throw new UserDeletedError(id);
    return user;
  }

  private async write<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    try {
      return await this.dataSource.transaction(work);
    } catch (error) {
      if (isUniqueViolation(error, 'users_live_email_key')) throw new UserEmailTakenError();
      throw error;
    }
  }
}

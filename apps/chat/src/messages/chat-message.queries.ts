import { ChatRole } from '@rag/contracts';
import { TenantScope, TenantScopedRepository } from '@rag/database';
import { EntityManager, SelectQueryBuilder } from 'typeorm';
import { ChatMessage } from './chat-message.entity';

export const chatMessages = new TenantScopedRepository(ChatMessage, 'tenantId');

/** A message of the session (another session's or tenant's message is not found). */
export function findSessionMessage(
  manager: EntityManager,
  scope: TenantScope,
  sessionId: string,
  id: string,
  role?: ChatRole,
): Promise<ChatMessage | null> {
  return chatMessages.findOne(manager, scope, { id, sessionId, ...(role ? { role } : {}) });
}

function sessionMessages(
  manager: EntityManager,
  scope: TenantScope,
  sessionId: string,
  alias = 'm',
): SelectQueryBuilder<ChatMessage> {
  return chatMessages.query(manager, scope, alias).andWhere(`${alias}.sessionId = :sessionId`, { sessionId });
}

/**
 * Positions `builder` relative to the anchor message in the session's (created_at, id) order.
 * The anchor's key is read in SQL, so it keeps the column's microseconds (a JS Date would not).
 */
function relativeTo(
  builder: SelectQueryBuilder<ChatMessage>,
  manager: EntityManager,
  scope: TenantScope,
  sessionId: string,
  anchorId: string,
  comparison: '<' | '<=' | '>',
): SelectQueryBuilder<ChatMessage> {
  // Expressions rather than properties: TypeORM would put the primary key columns in its own order.
  const anchor = sessionMessages(manager, scope, sessionId, 'anchor')
    .select('CAST(anchor.created_at AS timestamp)', 'anchor_created_at')
    .addSelect('CAST(anchor.id AS uuid)', 'anchor_id')
    .andWhere('anchor.id = :anchorId', { anchorId });
  return builder.andWhere(`(m.created_at, m.id) ${comparison} (${anchor.getQuery()})`).setParameters({
    ...builder.getParameters(),
    ...anchor.getParameters(),
  });
}

/** Up to `limit` messages after the anchor (from the first when null), oldest first. */
export function messagesAfter(
  manager: EntityManager,
  scope: TenantScope,
  sessionId: string,
  anchorId: string | null,
  limit: number,
): Promise<ChatMessage[]> {
  let builder = sessionMessages(manager, scope, sessionId);
  if (anchorId) builder = relativeTo(builder, manager, scope, sessionId, anchorId, '>');
  return builder.orderBy('m.createdAt', 'ASC').addOrderBy('m.id', 'ASC').limit(limit).getMany();
}

/** The `limit` messages right before the anchor, oldest first. */
export async function messagesBefore(
  manager: EntityManager,
  scope: TenantScope,
  sessionId: string,
  anchorId: string,
  limit: number,
): Promise<ChatMessage[]> {
  if (limit === 0) return [];
  const newestFirst = await relativeTo(
    sessionMessages(manager, scope, sessionId),
    manager,
    scope,
    sessionId,
    anchorId,
    '<',
  )
    .orderBy('m.createdAt', 'DESC')
    .addOrderBy('m.id', 'DESC')
    .limit(limit)
    .getMany();
  return newestFirst.reverse();
}

/** How many messages the session holds up to and including the anchor. */
export function countUpTo(
  manager: EntityManager,
  scope: TenantScope,
  sessionId: string,
  anchorId: string,
): Promise<number> {
  return relativeTo(sessionMessages(manager, scope, sessionId), manager, scope, sessionId, anchorId, '<=').getCount();
}

/** The session's latest message, or null when it has none. */
export function newestMessage(
  manager: EntityManager,
  scope: TenantScope,
  sessionId: string,
): Promise<ChatMessage | null> {
  return sessionMessages(manager, scope, sessionId)
    .orderBy('m.createdAt', 'DESC')
    .addOrderBy('m.id', 'DESC')
    .limit(1)
    .getOne();
}

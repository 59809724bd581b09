import { Type } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import {
  AgentRunView,
  ApiKeyView,
  ChatMessageView,
  ChatSessionView,
  DataSourceView,
  ObjectView,
  RagEvaluationView,
  TenantView,
  UserView,
} from '@rag/api';
import { AuditLogView } from '../routes/audit-logs/audit-log.view';

export interface PageView<T> {
  items: T[];
  nextCursor: string | null;
}

/** `{ items, nextCursor }` of a keyset-paginated list, as an OpenAPI schema per item type. */
function pageOf<T>(item: Type<T>, name: string): Type<PageView<T>> {
  class Page implements PageView<T> {
    @ApiProperty({ type: [item] })
    items!: T[];

    @ApiProperty({ type: String, nullable: true, description: 'pass as ?cursor= for the next page; null at the end' })
    nextCursor!: string | null;
  }
  Object.defineProperty(Page, 'name', { value: name });
  return Page;
}

export const TenantPageView = pageOf(TenantView, 'TenantPage');
export const UserPageView = pageOf(UserView, 'UserPage');
export const ApiKeyPageView = pageOf(ApiKeyView, 'ApiKeyPage');
export const AuditLogPageView = pageOf(AuditLogView, 'AuditLogPage');
export const DataSourcePageView = pageOf(DataSourceView, 'DataSourcePage');
export const ObjectPageView = pageOf(ObjectView, 'ObjectPage');
export const ChatSessionPageView = pageOf(ChatSessionView, 'ChatSessionPage');
export const ChatMessagePageView = pageOf(ChatMessageView, 'ChatMessagePage');
export const AgentRunPageView = pageOf(AgentRunView, 'AgentRunPage');
export const RagEvaluationPageView = pageOf(RagEvaluationView, 'RagEvaluationPage');

import { Module, Type } from '@nestjs/common';
import { AgentRunsController } from './agent-runs/agent-runs.controller';
import { DeletionRequestsController } from './compliance/deletion-requests.controller';
import { ApiKeysController } from './api-keys/api-keys.controller';
import { AuditLogsController } from './audit-logs/audit-logs.controller';
import { ChatSessionsController } from './chat/chat-sessions.controller';
import { LlmController } from './llm/llm.controller';
import { EvaluationsController } from './evaluations/evaluations.controller';
import { DataSourcesController } from './data-sources/data-sources.controller';
import { ObjectsController } from './objects/objects.controller';
import { SearchController } from './search/search.controller';
import { TenantsController } from './tenants/tenants.controller';
import { UsageController } from './usage/usage.controller';
import { UsersController } from './users/users.controller';

/** The external API, `/v1/...`: each route authorises, then forwards to its service. */
export const ROUTE_CONTROLLERS: Type<unknown>[] = [
  TenantsController,
  UsersController,
  ApiKeysController,
  UsageController,
  AuditLogsController,
  DataSourcesController,
  ObjectsController,
  SearchController,
  ChatSessionsController,
  LlmController,
  AgentRunsController,
  EvaluationsController,
  DeletionRequestsController,
];

@Module({ controllers: ROUTE_CONTROLLERS })
export class RoutesModule {}

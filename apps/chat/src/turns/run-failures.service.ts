import { Injectable } from '@nestjs/common';
import { RunFailureNoticeDto } from '@rag/api';
import { TenantScope } from '@rag/database';
import { requireTenant } from '@rag/http';
import { DataSource } from 'typeorm';
import { notifyChat } from '../live/chat-notification';
import { ChatSessionsService } from '../sessions/chat-sessions.service';

/**
 * A run that ended without a reply. Nothing is stored (the agents app keeps the run and its
 * failures); whoever waits on or streams the session, on any replica, is told.
 */
@Injectable()
export class RunFailuresService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly sessions: ChatSessionsService,
  ) {}

  async notify(scope: TenantScope, sessionId: string, notice: RunFailureNoticeDto): Promise<void> {
    const tenantId = requireTenant(scope, 'reporting a failed run');
    const session = await this.sessions.find(this.dataSource.manager, scope, sessionId);
    await notifyChat(this.dataSource.manager, {
      kind: 'run_failed',
      tenantId,
      sessionId: session.id,
      runId: notice.runId.toLowerCase(),
      userMessageId: notice.userMessageId.toLowerCase(),
      code: notice.code,
      message: notice.message,
    });
  }
}

import { Module } from '@nestjs/common';
import { AuditEventsConsumer } from './audit-events.consumer';
import { AuditLogWriter } from './audit-log.writer';
import { AuditLogsController } from './audit-logs.controller';
import { AuditLogsService } from './audit-logs.service';

@Module({
  controllers: [AuditLogsController, AuditEventsConsumer],
  providers: [AuditLogsService, AuditLogWriter],
})
export class AuditLogsModule {}

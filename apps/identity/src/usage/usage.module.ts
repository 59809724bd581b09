import { Module } from '@nestjs/common';
import { AgentUsageConsumer } from './agent-usage.consumer';
import { IngestionUsageConsumer } from './ingestion-usage.consumer';
import { UsagePartitionUpkeep } from './usage-partition-upkeep.service';
import { UsageMeter } from './usage-meter';
import { UsageRecordedConsumer } from './usage-recorded.consumer';
import { UsageController } from './usage.controller';
import { UsageService } from './usage.service';

@Module({
  controllers: [UsageController, UsageRecordedConsumer, IngestionUsageConsumer, AgentUsageConsumer],
  providers: [UsageService, UsageMeter, UsagePartitionUpkeep],
})
export class UsageModule {}

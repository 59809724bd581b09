import { Injectable } from '@nestjs/common';
import { dropMonthlyPartitionsBefore, monthStart, PartitionUpkeep, SqlRunner } from '@rag/database';
import { DataSource } from 'typeorm';
import { ChatEnv } from '../chat.env';
import { ensureChatMessagePartitions } from './chat-message-partitions';

@Injectable()
export class ChatPartitionUpkeep extends PartitionUpkeep {
  constructor(
    dataSource: DataSource,
    private readonly env: ChatEnv,
  ) {
    super(dataSource, 'chat_messages');
  }

  protected ensure(runner: SqlRunner): Promise<string[]> {
    return ensureChatMessagePartitions(runner, this.env.CHAT_PARTITION_MONTHS_AHEAD);
  }

  /**
   * Past months that the tenants' retention jobs have emptied (tenants keep messages for different
   * times, so a month goes only when no tenant has a message left in it).
   */
  protected expire(runner: SqlRunner, now: Date): Promise<string[]> {
    return dropMonthlyPartitionsBefore(runner, 'chat_messages', monthStart(now), { onlyEmpty: true });
  }
}

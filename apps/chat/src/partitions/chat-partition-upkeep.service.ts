import { Injectable } from '@nestjs/common';
import { PartitionUpkeep, SqlRunner } from '@rag/database';
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
}

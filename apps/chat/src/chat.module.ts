import { Module } from '@nestjs/common';
import { ErasureModule } from '@rag/erasure';
import { TypeOrmModule } from '@nestjs/typeorm';
import { EnvModule } from '@rag/config';
import { buildDataSourceOptions } from '@rag/database';
import { ConsumerLagCheck, KafkaCheck, MessagingModule, OutboxBacklogCheck } from '@rag/messaging';
import { DatabaseCheck, HealthModule } from '@rag/observability';
import { chatDatabase } from './chat.database';
import { ChatEnv } from './chat.env';
import { ChatEventsController } from './live/chat-events.controller';
import { ChatEventsHub } from './live/chat-events.hub';
import { ChatMessagesService } from './messages/chat-messages.service';
import { ChatPartitionUpkeep } from './partitions/chat-partition-upkeep.service';
import { ChatSessionsController } from './sessions/chat-sessions.controller';
import { ChatSessionsService } from './sessions/chat-sessions.service';
import { ChatContextService } from './turns/chat-context.service';
import { ChatRepliesService } from './turns/chat-replies.service';
import { ChatTurnsController } from './turns/chat-turns.controller';
import { PostTurnService } from './turns/post-turn.service';
import { RunFailuresService } from './turns/run-failures.service';
import { ChatErasure } from './erasure/chat-erasure';

@Module({
  imports: [
    EnvModule.forRoot(ChatEnv),
    TypeOrmModule.forRootAsync({
      useFactory: (env: ChatEnv) => buildDataSourceOptions(chatDatabase, env),
      inject: [ChatEnv],
    }),
    MessagingModule.forRootAsync({
      useFactory: (env: ChatEnv) => ({ source: 'chat', brokers: env.KAFKA_BROKERS, consumerGroup: 'chat' }),
      inject: [ChatEnv],
    }),
    HealthModule.forChecks([DatabaseCheck, KafkaCheck, OutboxBacklogCheck, ConsumerLagCheck]),
    ErasureModule.forApp('chat', ChatErasure),
  ],
  controllers: [ChatSessionsController, ChatTurnsController, ChatEventsController],
  providers: [
    ChatSessionsService,
    ChatMessagesService,
    ChatPartitionUpkeep,
    ChatEventsHub,
    PostTurnService,
    ChatContextService,
    ChatRepliesService,
    RunFailuresService,
  ],
})
export class ChatModule {}

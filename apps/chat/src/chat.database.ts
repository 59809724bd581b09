import { AppDatabase } from '@rag/database';
import { CreateMessagingTables1764000000000 } from '@rag/messaging';
import { ChatMessage } from './messages/chat-message.entity';
import { CreateChatTables1764000000301 } from './migrations/1764000000301-createChatTables';
import { ChatSession } from './sessions/chat-session.entity';

export const chatDatabase: AppDatabase = {
  app: 'chat',
  entities: [ChatSession, ChatMessage],
  migrations: [CreateMessagingTables1764000000000, CreateChatTables1764000000301],
};

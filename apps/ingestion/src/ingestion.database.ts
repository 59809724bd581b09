import { AppDatabase } from '@rag/database';
import { CreateMessagingTables1764000000000 } from '@rag/messaging';
import { DocumentChunk } from './chunks/document-chunk.entity';
import { EmbeddingRegistration } from './chunks/embedding-registration.entity';
import { SearchMetadata } from './chunks/search-metadata.entity';
import { DataSourceRow } from './data-sources/data-source.entity';
import { CreateDataSources1764000000201 } from './migrations/1764000000201-createDataSources';
import { CreateIngestedObjects1764000000202 } from './migrations/1764000000202-createIngestedObjects';
import { CreateChunksAndSearch1764000000203 } from './migrations/1764000000203-createChunksAndSearch';
import { IngestedObject } from './objects/ingested-object.entity';

export const ingestionDatabase: AppDatabase = {
  app: 'ingestion',
  entities: [DataSourceRow, IngestedObject, DocumentChunk, SearchMetadata, EmbeddingRegistration],
  migrations: [
    CreateMessagingTables1764000000000,
    CreateDataSources1764000000201,
    CreateIngestedObjects1764000000202,
    CreateChunksAndSearch1764000000203,
  ],
};

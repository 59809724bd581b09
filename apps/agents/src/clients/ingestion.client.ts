import { Injectable } from '@nestjs/common';
import { SearchResultView } from '@rag/api';
import { ServiceClient } from '@rag/http';
import { AgentsEnv } from '../agents.env';

/** The longest query ingestion's search accepts. */
export const MAX_SEARCH_QUERY_CHARS = 2000;

/** Ingestion's internal retrieval. */
@Injectable()
export class IngestionClient {
  private readonly ingestion: ServiceClient;

  constructor(env: AgentsEnv) {
    this.ingestion = new ServiceClient('ingestion', env.INGESTION_URL, env.SERVICE_TIMEOUT_MS);
  }

  search(tenantId: string, query: string, k: number, signal?: AbortSignal): Promise<SearchResultView> {
    return this.ingestion.call<SearchResultView>(tenantId, {
      method: 'POST',
      path: '/search',
      body: { query: query.slice(0, MAX_SEARCH_QUERY_CHARS), k },
      signal,
    });
  }
}

import { Injectable } from '@nestjs/common';
import { SearchResultView } from '@rag/api';
import { callService } from '@rag/http';
import { AgentsEnv } from '../agents.env';

/** The longest query ingestion's search accepts. */
export const MAX_SEARCH_QUERY_CHARS = 2000;

/** Ingestion's internal retrieval. */
@Injectable()
export class IngestionClient {
  constructor(private readonly env: AgentsEnv) {}

  search(tenantId: string, query: string, k: number, signal?: AbortSignal): Promise<SearchResultView> {
    return callService<SearchResultView>('ingestion', this.env.INGESTION_URL, {
      method: 'POST',
      path: '/search',
      tenantId,
      body: { query: query.slice(0, MAX_SEARCH_QUERY_CHARS), k },
      timeoutMs: this.env.SERVICE_TIMEOUT_MS,
      signal,
    });
  }
}

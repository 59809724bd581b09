import { Injectable } from '@nestjs/common';
import { TenantScope, TenantScopedRepository } from '@rag/database';
import { DataSource, SelectQueryBuilder } from 'typeorm';
import { SearchMetadata } from '../chunks/search-metadata.entity';
import { searchTerms } from '../keywords/terms';

const searchMetadata = new TenantScopedRepository(SearchMetadata, 'tenantId');

/**
 * A term in more of the tenant's chunks than this tells little about any of them (the vector
 * half still weighs it); leaving it out keeps every keyword query bounded by the GIN index.
 */
export const MAX_TERM_CHUNKS = 5000;

export interface KeywordHit {
  chunkId: string;
  matches: number;
}

interface WeightedTerm {
  term: string;
  weight: number;
}

/** Restricts a ranking query to the caller's filters (live objects, data sources, tags). */
export type CandidateFilter = (builder: SelectQueryBuilder<SearchMetadata>) => void;

/**
 * The keyword half of hybrid search: chunks whose search_metadata.keywords hold the query's
 * terms, ranked by the summed rarity (an IDF) of the terms they hold.
 */
@Injectable()
export class KeywordRanking {
  constructor(private readonly dataSource: DataSource) {}

  async rank(scope: TenantScope, query: string, limit: number, filter: CandidateFilter): Promise<KeywordHit[]> {
    const terms = await this.selectiveTerms(scope, [...new Set(searchTerms(query))]);
    if (terms.length === 0) return [];
    const params = Object.fromEntries(
      terms.flatMap(({ term, weight }, i) => [
        [`term${i}`, term],
        [`weight${i}`, weight],
      ]),
    );
    const holds = (i: number) => `sm.keywords @> ARRAY[CAST(:term${i} AS text)]`;
    const score = terms
      .map((_, i) => `(CASE WHEN ${holds(i)} THEN CAST(:weight${i} AS float8) ELSE 0 END)`)
      .join(' + ');
    const matches = terms.map((_, i) => `(CASE WHEN ${holds(i)} THEN 1 ELSE 0 END)`).join(' + ');
    const builder = searchMetadata
      .query(this.dataSource.manager, scope, 'sm')
      .select('sm.chunk_id', 'chunkId')
      .addSelect(`(${matches})`, 'matches')
      .addSelect(`(${score})`, 'score')
      .andWhere('sm.keywords && CAST(:terms AS text[])', { terms: terms.map(({ term }) => term) })
      .setParameters(params);
    filter(builder);
    return builder.orderBy('score', 'DESC').addOrderBy('sm.chunk_id', 'ASC').limit(limit).getRawMany<KeywordHit>();
  }

  /** The terms found in 1 to MAX_TERM_CHUNKS chunks of the tenant, weighted by rarity. */
  private async selectiveTerms(scope: TenantScope, terms: string[]): Promise<WeightedTerm[]> {
    const counted = await Promise.all(
      terms.map(async (term) => ({ term, chunks: await this.chunksHolding(scope, term) })),
    );
    return counted
      .filter(({ chunks }) => chunks > 0 && chunks <= MAX_TERM_CHUNKS)
      .map(({ term, chunks }) => ({ term, weight: Math.log(1 + MAX_TERM_CHUNKS / chunks) }));
  }

  /** How many of the tenant's chunks hold `term`, counted up to MAX_TERM_CHUNKS + 1. */
  private async chunksHolding(scope: TenantScope, term: string): Promise<number> {
    const [sql, parameters] = searchMetadata
      .query(this.dataSource.manager, scope, 'sm')
      .select('1')
      .andWhere('sm.keywords @> ARRAY[CAST(:term AS text)]', { term })
      .limit(MAX_TERM_CHUNKS + 1)
      .getQueryAndParameters();
    const [row] = (await this.dataSource.query(
      `SELECT count(*)::int AS count FROM (${sql}) AS holding`,
      parameters,
    )) as {
      count: number;
    }[];
    return row.count;
  }
}

import { Injectable } from '@nestjs/common';
import { fetchResource, FetchFailedError, FetchRefusedError } from '../fetching';
import { IngestionEnv } from '../ingestion.env';
import { ObjectContent } from './object-content';
import { FetchFailedApiError, ObjectTooLargeError, UrlRefusedError } from './object.errors';

/** Fetches a URL registration's bytes once, SSRF-safe and bounded in size, time and redirects. */
@Injectable()
export class UrlContent {
  constructor(private readonly env: IngestionEnv) {}

  async fetch(url: string): Promise<ObjectContent> {
    try {
      const resource = await fetchResource(url, {
        maxBytes: this.env.MAX_OBJECT_BYTES,
        timeoutMs: this.env.FETCH_TIMEOUT_MS,
        maxRedirects: this.env.FETCH_MAX_REDIRECTS,
        allowedHosts: this.env.FETCH_ALLOWED_HOSTS,
      });
      return {
        body: resource.body,
        declaredType: resource.contentType,
        filename: resource.filename,
        origin: 'url',
        sourceUrl: resource.finalUrl,
      };
    } catch (error) {
      if (error instanceof FetchRefusedError) throw new UrlRefusedError(error.message, error.code);
      if (error instanceof FetchFailedError) {
        if (error.code === 'too_large') throw new ObjectTooLargeError(this.env.MAX_OBJECT_BYTES);
        throw new FetchFailedApiError(error.message, error.code, error.status);
      }
      throw error;
    }
  }
}

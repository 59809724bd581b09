import { Get, HttpStatus, Inject, Param, Query, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { ApiError, NotFoundError } from '@rag/http';
import { BlobNotFoundError, BlobStore } from './blob-store';
import { BLOB_STORE } from './blob-store.module';
import { dispositionFor } from './content-disposition';
import { LocalBlobStore } from './local-blob-store';

/** No script ever runs; inline styles and data: images let a report with its own CSS render. */
export const BLOB_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; sandbox";

/**
 * `GET <path>/<key>?expires=&signature=`: a local blob, for whoever holds an unexpired signed
 * url (the signature is the only credential). BlobServingModule mounts it under its path.
 */
export class BlobServingController {
  /** null with S3: CloudFront serves those blobs, and this route answers 404. */
  private readonly store: LocalBlobStore | null;

  constructor(@Inject(BLOB_STORE) store: BlobStore) {
    this.store = store instanceof LocalBlobStore ? store : null;
  }

  @Get('*')
  async serve(
    @Param('*') key: string,
    @Query('expires') expires: unknown,
    @Query('signature') signature: unknown,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    if (!this.store) throw new NotFoundError('blob', key);
    if (!this.store.verifySignature(key, expires, signature)) {
      throw new ApiError(
        HttpStatus.FORBIDDEN,
        'invalid_signature',
        'the blob url is unsigned, its signature is wrong, or it has expired',
      );
    }
    let blob;
    try {
      blob = await this.store.open(key);
    } catch (error) {
      if (error instanceof BlobNotFoundError) throw new NotFoundError('blob', key);
      throw error;
    }
    await reply
      .status(HttpStatus.OK)
      .headers({
        'content-type': blob.contentType,
        'content-length': String(blob.sizeBytes),
        'cache-control': `private, max-age=${this.store.secondsUntil(expires as string)}`,
        'content-disposition': dispositionFor(blob.contentType),
        'x-content-type-options': 'nosniff',
        // Blobs are tenant data: never let one run script on the gateway's origin.
        'content-security-policy': BLOB_CSP,
      })
      .send(blob.stream);
  }
}

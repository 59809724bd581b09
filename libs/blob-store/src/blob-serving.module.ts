import { Controller, DynamicModule, Module } from '@nestjs/common';
import { BlobServingController } from './blob-serving.controller';

export interface BlobServingOptions {
  /** Path the blobs are served under, without slashes at the ends; `v1/blobs` by default. */
  path?: string;
}

/**
 * Serves a LocalBlobStore's blobs at `GET /<path>/<key>?expires=&signature=`. Needs BLOB_STORE
 * (BlobStoreModule); not needed with S3, where CloudFront serves them. The route is public:
 * an app with global auth guards should mark `module.controllers` public.
 */
@Module({})
export class BlobServingModule {
  static forRoot(options: BlobServingOptions = {}): DynamicModule {
    const path = (options.path ?? 'v1/blobs').replace(/^\/+|\/+$/g, '');
    @Controller(path)
    class MountedBlobServingController extends BlobServingController {}
    return { module: BlobServingModule, controllers: [MountedBlobServingController] };
  }
}

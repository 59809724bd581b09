import { DynamicModule, Global, Module, Provider, Type } from '@nestjs/common';
import { loadConfig } from '@rag/config';
import { BlobStore } from './blob-store';
import { BlobStoreEnv } from './blob-store.env';
import { blobStoreFromEnv } from './blob-store.factory';

/** Injection token of the app's BlobStore: `@Inject(BLOB_STORE) store: BlobStore`. */
export const BLOB_STORE = Symbol('BLOB_STORE');

/** Provides BLOB_STORE to the whole app. */
@Global()
@Module({})
export class BlobStoreModule {
  /**
   * The store the environment asks for: read from `envClass` (an app env extending BlobStoreEnv,
   * provided by `EnvModule.forRoot(envClass)`), or loaded on its own when no class is given.
   */
  static forRoot(envClass?: Type<BlobStoreEnv>): DynamicModule {
    const provider: Provider = envClass
      ? { provide: BLOB_STORE, useFactory: (env: BlobStoreEnv) => blobStoreFromEnv(env), inject: [envClass] }
      : { provide: BLOB_STORE, useFactory: () => blobStoreFromEnv(loadConfig(BlobStoreEnv)) };
    return { module: BlobStoreModule, providers: [provider], exports: [BLOB_STORE] };
  }

  /** A given store instance (tests, custom wiring). */
  static forStore(store: BlobStore): DynamicModule {
    return { module: BlobStoreModule, providers: [{ provide: BLOB_STORE, useValue: store }], exports: [BLOB_STORE] };
  }
}

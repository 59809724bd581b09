import { DynamicModule, Global, Module, Type } from '@nestjs/common';
import { loadConfig } from './load-config';

/** The app's validated environment, loaded once and injectable by its class. */
@Global()
@Module({})
export class EnvModule {
  static forRoot<T extends object>(envClass: Type<T>): DynamicModule {
    return {
      module: EnvModule,
      providers: [{ provide: envClass, useFactory: () => loadConfig(envClass) }],
      exports: [envClass],
    };
  }
}

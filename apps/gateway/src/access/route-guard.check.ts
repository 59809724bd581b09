import { Injectable, OnModuleInit, RequestMethod, Type } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { DiscoveryService, Reflector } from '@nestjs/core';
import { ACCESS_RULE, PUBLIC_ROUTE } from './access.decorator';

/** `GET /v1/users/:id`-style names of the routes of `controllers` that carry neither @Access nor @Public. */
export function unguardedRoutes(controllers: Type<unknown>[], reflector = new Reflector()): string[] {
  const missing: string[] = [];
  for (const controller of controllers) {
    const prototype = controller.prototype as Record<string, unknown>;
    for (const name of Object.getOwnPropertyNames(prototype)) {
      const handler = prototype[name];
      if (name === 'constructor' || typeof handler !== 'function') continue;
      const method = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod | undefined;
      if (method === undefined || Reflect.getMetadata(PATH_METADATA, handler) === undefined) continue;
      const targets = [handler, controller];
      if (reflector.getAllAndOverride(PUBLIC_ROUTE, targets) || reflector.getAllAndOverride(ACCESS_RULE, targets)) {
        continue;
      }
      const base = String(Reflect.getMetadata(PATH_METADATA, controller) ?? '');
      const path = String(Reflect.getMetadata(PATH_METADATA, handler));
      missing.push(`${RequestMethod[method]} /${[base, path].filter((part) => part && part !== '/').join('/')}`);
    }
  }
  return missing;
}

/** Refuses to boot while any HTTP route lacks an explicit access decision. */
@Injectable()
export class RouteGuardCheck implements OnModuleInit {
  constructor(
    private readonly discovery: DiscoveryService,
    private readonly reflector: Reflector,
  ) {}

  onModuleInit(): void {
    const controllers = this.discovery
      .getControllers()
      .map((wrapper) => wrapper.metatype)
      .filter((metatype): metatype is Type<unknown> => typeof metatype === 'function');
    const missing = unguardedRoutes(controllers, this.reflector);
    if (missing.length > 0) {
      throw new Error(`every gateway route needs @Access(...) or @Public(); missing on: ${missing.join(', ')}`);
    }
  }
}

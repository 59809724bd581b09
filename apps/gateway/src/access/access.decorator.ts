import { applyDecorators, ExecutionContext, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import {
  ApiBearerAuth,
  ApiForbiddenResponse,
  ApiHeader,
  ApiTooManyRequestsResponse,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { ApiErrorView } from '../docs/api-error.view';
import { AccessRule } from './permission';

export const ACCESS_RULE = 'gateway:access-rule';
export const PUBLIC_ROUTE = 'gateway:public-route';

/**
 * Who may call a route. Every route of the gateway carries this or @Public(): the app refuses
 * to boot otherwise (see route-guard.check.ts), and the guards refuse a route without it.
 */
export function Access(rule: AccessRule): MethodDecorator & ClassDecorator {
  const who = [rule.tenant && `tenant keys with ${rule.tenant} access`, rule.system && 'system keys']
    .filter(Boolean)
    .join(' or ');
  const decorators = [
    SetMetadata(ACCESS_RULE, rule),
    ApiBearerAuth(),
    ApiUnauthorizedResponse({ type: ApiErrorView, description: 'missing, malformed, unknown, revoked or expired key' }),
    ApiForbiddenResponse({ type: ApiErrorView, description: `allowed to ${who}; suspended or deleted tenant` }),
    ApiTooManyRequestsResponse({ type: ApiErrorView, description: 'rate limit of the key (see Retry-After)' }),
  ];
  if (rule.tenant) {
    decorators.push(
      ApiHeader({
        name: 'X-User-Id',
        required: false,
        description: "the acting user, a user of the key's tenant; narrows access to the user's role",
      }),
    );
  }
  return applyDecorators(...decorators);
}

/** Open to anyone, no key: operational endpoints only. */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(PUBLIC_ROUTE, true);

export function isPublicRoute(reflector: Reflector, context: ExecutionContext): boolean {
  return reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, [context.getHandler(), context.getClass()]) === true;
}

export function accessRuleOf(reflector: Reflector, context: ExecutionContext): AccessRule | undefined {
  return reflector.getAllAndOverride<AccessRule>(ACCESS_RULE, [context.getHandler(), context.getClass()]);
}

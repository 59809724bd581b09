import { createParamDecorator, ExecutionContext, HttpStatus } from '@nestjs/common';
import { ACTOR_TYPES, Actor, ActorType } from '@rag/contracts';
import { FastifyRequest } from 'fastify';
import { ApiError } from './api-error';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function header(request: FastifyRequest, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/**
 * Who is calling, as the gateway forwards it on internal HTTP (`x-actor-id`, `x-actor-type`,
 * `x-forwarded-for`, `user-agent`). Without those headers the caller is an internal service.
 */
export function actorFromRequest(request: FastifyRequest): Actor {
  const id = header(request, 'x-actor-id');
  const type = header(request, 'x-actor-type') ?? 'service';
  if (id !== undefined && !UUID.test(id)) {
    throw new ApiError(HttpStatus.BAD_REQUEST, 'invalid_actor', 'x-actor-id must be a UUID');
  }
  if (!(ACTOR_TYPES as readonly string[]).includes(type)) {
    throw new ApiError(
      HttpStatus.BAD_REQUEST,
      'invalid_actor',
      `x-actor-type must be one of ${ACTOR_TYPES.join(', ')}`,
    );
  }
  const forwardedFor = header(request, 'x-forwarded-for')?.split(',')[0]?.trim();
  return {
    id: id ?? null,
    type: type as ActorType,
    ip: (forwardedFor ?? request.ip ?? null)?.slice(0, 64) ?? null,
    userAgent: header(request, 'user-agent')?.slice(0, 512) ?? null,
  };
}

export const RequestActor = createParamDecorator((_: unknown, context: ExecutionContext): Actor =>
  actorFromRequest(context.switchToHttp().getRequest<FastifyRequest>()),
);

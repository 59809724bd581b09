import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { FastifyReply, FastifyRequest } from 'fastify';
import { isPublicRoute } from '../access/access.decorator';
import { anonymousActor } from '../access/actor';
import { traceHeaders } from '../upstream/forward-headers';
import { AuthFailureRecorder } from './auth-failure.recorder';
import { AuthRefusedError } from './auth.errors';
import { bearerToken } from './bearer-token';
import { KeyVerifier } from './key-verifier';

/** First guard: every non-public route needs a valid bearer key; the caller starts as the key. */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly verifier: KeyVerifier,
    private readonly recorder: AuthFailureRecorder,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http' || isPublicRoute(this.reflector, context)) return true;
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    try {
      const presented = bearerToken(request.headers.authorization);
      const key = await this.verifier.verify(presented, { 'x-request-id': request.id, ...traceHeaders(request) });
      request.caller = { key, user: null, permission: key.scope };
      return true;
    } catch (error) {
      if (error instanceof AuthRefusedError) {
        this.recorder.record(request, error, anonymousActor(request));
        if (error.getStatus() === 401) {
          void context.switchToHttp().getResponse<FastifyReply>().header('www-authenticate', 'Bearer');
        }
      }
      throw error;
    }
  }
}

import { randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { Actor, AuthFailed, createEvent } from '@rag/contracts';
import { counter, currentTraceparent } from '@rag/observability';
import { FastifyRequest } from 'fastify';
import { GatewayEventPublisher } from '../events/gateway-event.publisher';
import { AuthRefusedError } from './auth.errors';

const refusals = counter('gateway_auth_failures_total', 'Requests refused by authentication or authorisation', [
  'reason',
]);

/** Publishes every refused request as `auth.failed`, which the audit app records. */
@Injectable()
export class AuthFailureRecorder {
  private readonly logger = new Logger(AuthFailureRecorder.name);

  constructor(private readonly publisher: GatewayEventPublisher) {}

  record(request: FastifyRequest, refusal: AuthRefusedError, actor: Actor): void {
    refusals.inc({ reason: refusal.reason });
    try {
      this.publisher.publish(
        createEvent(AuthFailed, {
          tenantId: refusal.tenantId,
          actor,
          resourceId: randomUUID(),
          data: {
            reason: refusal.reason,
            method: request.method,
            // The route pattern, never the URL: ids and query strings stay out of the event.
            route: (request.routeOptions.url ?? 'unmatched').slice(0, 200),
          },
          traceparent: currentTraceparent(),
        }),
      );
    } catch (error) {
      // The refusal itself still goes out; only its record is lost, and loudly.
      this.logger.error(`could not record auth.failed (${refusal.reason}): ${(error as Error).message}`);
    }
  }
}

import { randomUUID } from 'node:crypto';
import { Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { createLogger, NestPinoLogger, requestContext } from '@rag/observability';
import { ApiErrorFilter, toApiErrorBody } from './error.filter';
import { createValidationPipe } from './validation.pipe';

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

export interface HttpAppOptions {
  app: string;
  logLevel: string;
  bodyLimitBytes?: number;
}

/**
 * A Nest app on Fastify with what every service shares: JSON logs, request ids (taken from
 * `x-request-id` when well-formed), validation of every input, uniform JSON errors, and
 * graceful shutdown on SIGTERM.
 */
export async function createHttpApp(
  rootModule: Type<unknown>,
  options: HttpAppOptions,
): Promise<NestFastifyApplication> {
  const logger = createLogger(options.app, options.logLevel);
  const adapter = new FastifyAdapter({
    bodyLimit: options.bodyLimitBytes ?? 1024 * 1024,
    requestIdHeader: false,
    genReqId: (request: { headers: Record<string, string | string[] | undefined> }) => {
      const given = request.headers['x-request-id'];
      return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
    },
    // URLs the router refuses before any route runs (a bad escape, an over-long path parameter)
    // get the uniform error body too, instead of Fastify's own.
    frameworkErrors: (error: FastifyError, _request: FastifyRequest, reply: FastifyReply) => {
      const status = error.statusCode ?? 400;
      void reply
        .status(status)
        .header('content-type', 'application/json; charset=utf-8')
        .send(toApiErrorBody(status, undefined, error.message));
    },
  });
  // JSON only: Nest's body parsers would also accept form-encoded bodies, and Fastify's plain
  // text ones, as input to the same DTOs; Fastify's own JSON parser (size limit, prototype
  // poisoning refused) stays and any other content type answers 415.
  const app = await NestFactory.create<NestFastifyApplication>(rootModule, adapter, {
    logger: new NestPinoLogger(logger),
    bodyParser: false,
  });
  const fastify = app.getHttpAdapter().getInstance();
  fastify.removeContentTypeParser('text/plain');
  fastify.addHook('onRequest', (request, reply, done) => {
    void reply.header('x-request-id', request.id);
    requestContext.enterWith({ requestId: request.id });
    done();
  });
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new ApiErrorFilter());
  app.enableShutdownHooks();
  return app;
}

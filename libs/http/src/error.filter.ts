import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import { FastifyReply } from 'fastify';
import { ApiErrorBody } from './api-error';

const CODES: Record<number, string> = {
  400: 'bad_request',
  401: 'unauthenticated',
  403: 'forbidden',
  404: 'not_found',
  405: 'method_not_allowed',
  409: 'conflict',
  413: 'payload_too_large',
  414: 'uri_too_long',
  415: 'unsupported_media_type',
  422: 'unprocessable_entity',
  429: 'rate_limited',
  503: 'unavailable',
};

export function toApiErrorBody(status: number, response: unknown, fallbackMessage: string): ApiErrorBody {
  if (response && typeof response === 'object' && 'error' in response) {
    const error = (response as { error: unknown }).error;
    if (error && typeof error === 'object' && 'code' in error) return response as ApiErrorBody;
  }
  const message =
    response && typeof response === 'object' && 'message' in response
      ? (response as { message: unknown }).message
      : fallbackMessage;
  return {
    error: {
      code: CODES[status] ?? (status >= 500 ? 'internal_error' : 'error'),
      message: Array.isArray(message) ? message.join('; ') : String(message),
    },
  };
}

/** Every error leaves as uniform JSON; 5xx only for real faults, which are logged. */
@Catch()
export class ApiErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('ApiErrorFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    const status =
      exception instanceof HttpException
        ? exception.getStatus()
        : ((exception as { statusCode?: number }).statusCode ?? HttpStatus.INTERNAL_SERVER_ERROR);
    if (status >= 500) this.logger.error((exception as Error).message, (exception as Error).stack);
    const body =
      exception instanceof HttpException
        ? toApiErrorBody(status, exception.getResponse(), exception.message)
        : toApiErrorBody(status, undefined, status >= 500 ? 'internal error' : (exception as Error).message);
    void reply.status(status).header('content-type', 'application/json; charset=utf-8').send(body);
  }
}

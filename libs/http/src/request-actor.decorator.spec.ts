import { HttpStatus } from '@nestjs/common';
import { FastifyRequest } from 'fastify';
import { ApiError } from './api-error';
import { actorFromRequest } from './request-actor.decorator';

const ACTOR = '0b6f3c1e-9d2a-4f7b-8c5d-1e2f3a4b5c6d';

function requestWith(headers: Record<string, string | string[]>, ip?: string): FastifyRequest {
  return { headers, ip } as unknown as FastifyRequest;
}

function refusalCode(headers: Record<string, string>): string {
  try {
    actorFromRequest(requestWith(headers));
  } catch (error) {
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).getStatus()).toBe(HttpStatus.BAD_REQUEST);
    return ((error as ApiError).getResponse() as { error: { code: string } }).error.code;
  }
  throw new Error('actor accepted');
}

describe('actorFromRequest', () => {
  it('reads the actor the gateway forwards', () => {
    const actor = actorFromRequest(
      requestWith(
        {
          'x-actor-id': ACTOR,
          'x-actor-type': 'api_key',
          'x-forwarded-for': '203.0.113.7, 10.0.0.2',
          'user-agent': 'cli/2.1',
        },
        '10.0.0.9',
      ),
    );
    expect(actor).toEqual({ id: ACTOR, type: 'api_key', ip: '203.0.113.7', userAgent: 'cli/2.1' });
  });

  it('treats a call without actor headers as an internal service', () => {
    expect(actorFromRequest(requestWith({}, '127.0.0.1'))).toEqual({
      id: null,
      type: 'service',
      ip: '127.0.0.1',
      userAgent: null,
    });
    expect(actorFromRequest(requestWith({}))).toEqual({ id: null, type: 'service', ip: null, userAgent: null });
  });

  it('takes the first of repeated headers', () => {
    const actor = actorFromRequest(requestWith({ 'x-actor-type': ['user', 'system_admin'], 'user-agent': ['a', 'b'] }));
    expect(actor.type).toBe('user');
    expect(actor.userAgent).toBe('a');
  });

  it('truncates the ip and user agent to the envelope limits', () => {
    const actor = actorFromRequest(requestWith({ 'x-forwarded-for': 'f'.repeat(100), 'user-agent': 'u'.repeat(600) }));
    expect(actor.ip).toHaveLength(64);
    expect(actor.userAgent).toHaveLength(512);
  });

  it('refuses an actor id that is not a UUID and an unknown actor type', () => {
    expect(refusalCode({ 'x-actor-id': 'bob' })).toBe('invalid_actor');
    expect(refusalCode({ 'x-actor-id': '' })).toBe('invalid_actor');
    expect(refusalCode({ 'x-actor-type': 'robot' })).toBe('invalid_actor');
    expect(refusalCode({ 'x-actor-type': 'USER' })).toBe('invalid_actor');
  });
});

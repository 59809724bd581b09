import { FastifyRequest } from 'fastify';

/** The caller's address as this process sees it (the socket peer; see README on proxies). */
export function clientIp(request: FastifyRequest): string | null {
  return request.ip ? request.ip.slice(0, 64) : null;
}

export function clientUserAgent(request: FastifyRequest): string | null {
  const value = request.headers['user-agent'];
  return typeof value === 'string' && value.length > 0 ? value.slice(0, 512) : null;
}

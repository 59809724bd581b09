import { Injectable } from '@nestjs/common';
import { ReadinessCheck } from '@rag/observability';
import { GatewayEnv } from '../gateway.env';

const CHECK_TIMEOUT_MS = 2000;

/** Identity verifies every key: without it the gateway can only serve cached keys. */
@Injectable()
export class IdentityCheck implements ReadinessCheck {
  readonly name = 'identity';
  private readonly url: string;

  constructor(env: GatewayEnv) {
    this.url = `${env.IDENTITY_URL.replace(/\/$/, '')}/health/live`;
  }

  async check(): Promise<{ healthy: boolean; details?: Record<string, unknown> }> {
    const started = Date.now();
    const response = await fetch(this.url, { signal: AbortSignal.timeout(CHECK_TIMEOUT_MS) });
    await response.body?.cancel();
    return { healthy: response.ok, details: { httpStatus: response.status, latencyMs: Date.now() - started } };
  }
}

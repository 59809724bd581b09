import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { JUDGE_KINDS, JudgeKind } from '@rag/api';
import { PlatformClients } from '../clients/platform.clients';
import { EvaluationEnv } from '../evaluation.env';

const TTL_MS = 10_000;

export interface EvaluationSettings {
  /** Share of answers scored live, from tenants.metadata.evaluationSampleRate. */
  sampleRate: number;
  /** tenants.metadata.evaluationJudge: `local` (default) or `llm` (the tenant's own providers). */
  judge: JudgeKind;
}

/** A tenant's evaluation settings, read from its metadata in identity and kept for 10 s. */
@Injectable()
export class TenantSettings {
  private readonly cache = new Map<string, { settings: EvaluationSettings; expires: number }>();

  constructor(
    private readonly clients: PlatformClients,
    private readonly env: EvaluationEnv,
  ) {}

  async of(tenantId: string): Promise<EvaluationSettings> {
    const cached = this.cache.get(tenantId);
    if (cached && cached.expires > Date.now()) return cached.settings;
    const { metadata } = await this.clients.tenant(tenantId);
    const rate = metadata.evaluationSampleRate;
    const judge = metadata.evaluationJudge;
    const settings: EvaluationSettings = {
      sampleRate: typeof rate === 'number' && rate >= 0 && rate <= 1 ? rate : this.env.EVALUATION_DEFAULT_SAMPLE_RATE,
      judge: (JUDGE_KINDS as readonly unknown[]).includes(judge) ? (judge as JudgeKind) : 'local',
    };
    this.cache.set(tenantId, { settings, expires: Date.now() + TTL_MS });
    return settings;
  }
}

/** Whether a run is in the sample: a stable pick from its id, so a redelivered event decides the same. */
export function isSampled(runId: string, rate: number): boolean {
  if (rate >= 1) return true;
  if (rate <= 0) return false;
  const draw = parseInt(createHash('sha256').update(runId).digest('hex').slice(0, 8), 16) / 0x1_0000_0000;
  return draw < rate;
}

import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ReadinessCheck } from './readiness-check';

@Injectable()
export class DatabaseCheck implements ReadinessCheck {
  readonly name = 'database';

  constructor(private readonly dataSource: DataSource) {}

  async check(): Promise<{ healthy: boolean; details?: Record<string, unknown> }> {
    const started = Date.now();
    await this.dataSource.query('SELECT 1');
    return { healthy: true, details: { latencyMs: Date.now() - started } };
  }
}

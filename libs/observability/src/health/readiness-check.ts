/** One dependency the app needs to serve traffic (database, Kafka, outbox, consumer lag). */
export interface ReadinessCheck {
  readonly name: string;
  check(): Promise<{ healthy: boolean; details?: Record<string, unknown> }>;
}

export const READINESS_CHECKS = Symbol('READINESS_CHECKS');

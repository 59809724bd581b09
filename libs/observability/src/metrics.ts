import { Controller, Get, Header } from '@nestjs/common';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** The process's one Prometheus registry; libraries register their metrics here. */
export const metricsRegistry = new Registry();
collectDefaultMetrics({ register: metricsRegistry });

export function counter(name: string, help: string, labelNames: string[] = []): Counter {
  const existing = metricsRegistry.getSingleMetric(name);
  return (existing as Counter) ?? new Counter({ name, help, labelNames, registers: [metricsRegistry] });
}

export function gauge(name: string, help: string, labelNames: string[] = []): Gauge {
  const existing = metricsRegistry.getSingleMetric(name);
  return (existing as Gauge) ?? new Gauge({ name, help, labelNames, registers: [metricsRegistry] });
}

export function histogram(name: string, help: string, labelNames: string[], buckets: number[]): Histogram {
  const existing = metricsRegistry.getSingleMetric(name);
  return (existing as Histogram) ?? new Histogram({ name, help, labelNames, buckets, registers: [metricsRegistry] });
}

@Controller('metrics')
export class MetricsController {
  @Get()
  @Header('Content-Type', metricsRegistry.contentType)
  metrics(): Promise<string> {
    return metricsRegistry.metrics();
  }
}

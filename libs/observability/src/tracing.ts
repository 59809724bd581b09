import { Context, context, propagation, trace } from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { registerInstrumentations } from '@opentelemetry/instrumentation';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BatchSpanProcessor, SpanProcessor } from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import { ATTR_SERVICE_NAME } from '@opentelemetry/semantic-conventions';

let provider: NodeTracerProvider | undefined;

/**
 * Starts tracing for this process: W3C trace context on HTTP and Kafka, spans exported over
 * OTLP/HTTP only when an endpoint is configured. Call before the HTTP server is created.
 */
export function startTracing(serviceName: string, otlpEndpoint?: string): void {
  if (provider) return;
  const spanProcessors: SpanProcessor[] = otlpEndpoint
    ? [new BatchSpanProcessor(new OTLPTraceExporter({ url: `${otlpEndpoint.replace(/\/$/, '')}/v1/traces` }))]
    : [];
  provider = new NodeTracerProvider({
    resource: resourceFromAttributes({ [ATTR_SERVICE_NAME]: serviceName }),
    spanProcessors,
  });
  provider.register({ propagator: new W3CTraceContextPropagator() });
  registerInstrumentations({
    tracerProvider: provider,
    instrumentations: [new HttpInstrumentation({ ignoreIncomingRequestHook: (req) => req.url === '/metrics' })],
  });
}

export async function stopTracing(): Promise<void> {
  await provider?.shutdown();
  provider = undefined;
}

export type TraceCarrier = Record<string, string>;

/** The active trace context as headers (`traceparent`, `tracestate`). */
export function currentTraceHeaders(active: Context = context.active()): TraceCarrier {
  const carrier: TraceCarrier = {};
  propagation.inject(active, carrier);
  return carrier;
}

export function currentTraceparent(): string | null {
  return currentTraceHeaders().traceparent ?? null;
}

/** Runs `work` in a span that continues the trace found in `carrier` (e.g. Kafka headers). */
export function runInRemoteTrace<T>(carrier: TraceCarrier, spanName: string, work: () => Promise<T>): Promise<T> {
  const parent = propagation.extract(context.active(), carrier);
  const span = trace.getTracer('rag-platform').startSpan(spanName, undefined, parent);
  return context.with(trace.setSpan(parent, span), async () => {
    try {
      return await work();
    } finally {
      span.end();
    }
  });
}

export function activeTraceIds(): { traceId?: string; spanId?: string } {
  const spanContext = trace.getActiveSpan()?.spanContext();
  return spanContext ? { traceId: spanContext.traceId, spanId: spanContext.spanId } : {};
}

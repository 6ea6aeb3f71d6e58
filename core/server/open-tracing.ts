import type { CallTracer } from '../log/call-frame.js';

/** Where spans go, from the standard OpenTelemetry variables; undefined keeps traces off. */
export interface TracingSettings {
  /** The OTLP/HTTP traces URL: `OTEL_EXPORTER_OTLP_TRACES_ENDPOINT`, or `OTEL_EXPORTER_OTLP_ENDPOINT` + `/v1/traces`. */
  readonly url: string;
  /** `OTEL_SERVICE_NAME`, default `servicedesk-mcp`. */
  readonly serviceName: string;
}

/**
 * Reads {@link TracingSettings} from the environment: traces are on only when an OTLP endpoint
 * is set.
 *
 * @example
 * tracingFromEnv({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318' }) // { url: 'http://collector:4318/v1/traces', … }
 */
export function tracingFromEnv(env: NodeJS.ProcessEnv): TracingSettings | undefined {
  const value = (name: string): string | undefined => env[name]?.trim() || undefined;
  const traces = value('OTEL_EXPORTER_OTLP_TRACES_ENDPOINT');
  const base = value('OTEL_EXPORTER_OTLP_ENDPOINT');
  const url = traces ?? (base === undefined ? undefined : `${base.replace(/\/+$/, '')}/v1/traces`);
  if (url === undefined) return undefined;
  return { url, serviceName: value('OTEL_SERVICE_NAME') ?? 'servicedesk-mcp' };
}

/**
 * Opens a tracer whose spans are batched to the OTLP/HTTP endpoint as JSON. The SDK and the
 * exporter are loaded only here (ADR 0033); the provider is not registered globally, since
 * several servers may share a process. `close()` sends what is still batched.
 *
 * @example
 * const tracing = await openTracing(settings.tracing);
 */
export async function openTracing(
  settings: TracingSettings,
): Promise<{ tracer: CallTracer; close: () => Promise<void> }> {
  const [
    { BasicTracerProvider, BatchSpanProcessor },
    { OTLPTraceExporter },
    { resourceFromAttributes },
  ] = await Promise.all([
    import('@opentelemetry/sdk-trace-base'),
    import('@opentelemetry/exporter-trace-otlp-http'),
    import('@opentelemetry/resources'),
  ]);
  // The API too is loaded only here, so nothing on the start path imports OpenTelemetry.
  const api = await import('@opentelemetry/api');
  const provider = new BasicTracerProvider({
    resource: resourceFromAttributes({ 'service.name': settings.serviceName }),
    spanProcessors: [new BatchSpanProcessor(new OTLPTraceExporter({ url: settings.url }))],
  });
  const tracer = provider.getTracer('servicedesk-mcp');
  const kinds = {
    server: api.SpanKind.SERVER,
    internal: api.SpanKind.INTERNAL,
    client: api.SpanKind.CLIENT,
  } as const;
  return {
    tracer: {
      start: (name, { kind, attributes, parent }) =>
        tracer.startSpan(
          name,
          { kind: kinds[kind], attributes },
          parent ? api.trace.setSpan(api.ROOT_CONTEXT, parent) : api.ROOT_CONTEXT,
        ),
      fail: (span, error) => {
        span.setStatus({ code: api.SpanStatusCode.ERROR, message: (error as Error).message });
        span.end();
      },
    },
    close: () => provider.shutdown(),
  };
}

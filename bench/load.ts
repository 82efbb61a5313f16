import autocannon from 'autocannon';

/** One load run against one endpoint. */
export interface LoadRequest {
  url: string;
  method: 'GET' | 'POST';
  headers?: Record<string, string>;
  body?: string;
  connections: number;
  durationSeconds: number;
  /** The status every response should have; others are counted as unexpected. */
  expectedStatus: number;
}

/** Figures of one load run. Latencies are in milliseconds, measured per response. */
export interface LoadResult {
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  responses: number;
  /** Responses whose status was not the expected one. */
  unexpected: number;
  /** Socket errors and timeouts. */
  errors: number;
}

function percentile(sorted: Float64Array, fraction: number): number {
  if (sorted.length === 0) return Number.NaN;
  const index = Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1);
  return sorted[Math.max(0, index)] ?? Number.NaN;
}

/**
 * Drives one endpoint with autocannon for a fixed time and returns throughput
 * and latency percentiles. autocannon's own histogram has a 1 ms resolution,
 * too coarse for loopback, so every response time (a float from
 * process.hrtime) is collected from its `response` event instead.
 */
export async function runLoad(request: LoadRequest): Promise<LoadResult> {
  const latencies: number[] = [];
  let unexpected = 0;
  const instance = autocannon({
    url: request.url,
    method: request.method,
    headers: request.headers,
    body: request.body,
    connections: request.connections,
    duration: request.durationSeconds,
    pipelining: 1,
    // A request that takes this long means the server is stuck; count it as an error.
    timeout: 10,
  });
  instance.on('response', (_client: unknown, statusCode: number, _bytes: number, responseTime: number) => {
    latencies.push(responseTime);
    if (statusCode !== request.expectedStatus) unexpected += 1;
  });
  const result = await instance;

  const sorted = Float64Array.from(latencies).sort();
  return {
    // The number of responses over the run's measured duration, not autocannon's per-second average,
    // which rounds down short runs.
    requestsPerSecond: latencies.length / result.duration,
    p50Ms: percentile(sorted, 0.5),
    p99Ms: percentile(sorted, 0.99),
    responses: latencies.length,
    unexpected,
    errors: result.errors + result.timeouts,
  };
}

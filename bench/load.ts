import autocannon from 'autocannon';

/** One load run against one endpoint. */
export interface LoadRequest {
  /** One URL, or the same endpoint on several instances: the connections are split evenly across them. */
  url: string | readonly string[];
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
 * process.hrtime) is collected from its `response` event instead. With
 * several URLs, one autocannon per URL runs at the same time with its share
 * of the connections, and the figures cover all of their responses.
 */
export async function runLoad(request: LoadRequest): Promise<LoadResult> {
  const urls = typeof request.url === 'string' ? [request.url] : request.url;
  const tally: Tally = { latencies: [], unexpected: 0 };
  // With fewer connections than URLs, the last URLs get none and no load.
  const shares = urls.map((_, index) => Math.floor(request.connections / urls.length) + (index < request.connections % urls.length ? 1 : 0));
  const runs = await Promise.all(urls.flatMap((url, index) => (shares[index]! > 0 ? [runOne(request, url, shares[index]!, tally)] : [])));

  const sorted = Float64Array.from(tally.latencies).sort();
  const duration = Math.max(...runs.map((run) => run.duration));
  return {
    // The number of responses over the run's measured duration, not autocannon's per-second average,
    // which rounds down short runs.
    requestsPerSecond: tally.latencies.length / duration,
    p50Ms: percentile(sorted, 0.5),
    p99Ms: percentile(sorted, 0.99),
    responses: tally.latencies.length,
    unexpected: tally.unexpected,
    errors: runs.reduce((sum, run) => sum + run.errors + run.timeouts, 0),
  };
}

interface Tally {
  latencies: number[];
  unexpected: number;
}

async function runOne(request: LoadRequest, url: string, connections: number, tally: Tally): Promise<{ duration: number; errors: number; timeouts: number }> {
  const instance = autocannon({
    url,
    method: request.method,
    headers: request.headers,
    body: request.body,
    connections,
    duration: request.durationSeconds,
    pipelining: 1,
    // A request that takes this long means the server is stuck; count it as an error.
    timeout: 10,
  });
  instance.on('response', (_client: unknown, statusCode: number, _bytes: number, responseTime: number) => {
    tally.latencies.push(responseTime);
    if (statusCode !== request.expectedStatus) tally.unexpected += 1;
  });
  return instance;
}

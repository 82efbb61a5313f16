/** Status, headers and parsed JSON body of one API response. */
export interface ApiResponse {
  status: number;
  headers: Headers;
  /** Parsed body; `undefined` for an empty body. */
  json: any;
  /** Milliseconds from sending the request to reading the whole body. */
  ms: number;
}

/** Sends one request to a running API; `key` null sends no Authorization header. */
export async function callApi(baseUrl: string, method: string, path: string, options: { key?: string | null; body?: unknown; signal?: AbortSignal } = {}): Promise<ApiResponse> {
  const headers: Record<string, string> = {};
  if (options.key) headers.Authorization = `Bearer ${options.key}`;
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';

  const started = performance.now();
  const response = await fetch(`${baseUrl}${path}`, {
    method,
    headers,
    ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
  });
  const text = await response.text();
  const ms = performance.now() - started;
  return { status: response.status, headers: response.headers, json: text ? JSON.parse(text) : undefined, ms };
}

/** Body of POST /v1/deletions for `count` customers with the default reason and word. */
export function deletionBody(otp: string, count: number, idPrefix = 'c'): Record<string, unknown> {
  const customers = Array.from({ length: count }, (_, index) => ({ id: `${idPrefix}${index}`, name: `Customer ${index}` }));
  return { customers, reason: 'Duplicate record', confirmation: 'DELETE', otp };
}

/** A small client of the real HTTP API, as an integration calls it (API key). */
export class ApiClient {
  constructor(
    readonly baseUrl: string,
    private readonly headers: Record<string, string>,
  ) {}

  async request<T>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> {
    const res = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers: { ...this.headers, ...(body === undefined || body instanceof FormData ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : body instanceof FormData ? body : JSON.stringify(body),
    });
    const type = res.headers.get('content-type') ?? '';
    const parsed = type.includes('json') ? await res.json() : await res.text();
    return { status: res.status, body: parsed as T };
  }

  /** The answer's body; any status but `expect` fails the harness, naming the call. */
  async call<T>(method: string, path: string, body?: unknown, expect = 200): Promise<T> {
    const res = await this.request<T>(method, path, body);
    if (res.status !== expect) throw new Error(`${method} ${path} answered ${res.status}: ${JSON.stringify(res.body).slice(0, 400)}`);
    return res.body;
  }
}

/** Polls `read` every `intervalMs` until `done` says so; fails after `timeoutMs`. */
export async function pollUntil<T>(read: () => Promise<T>, done: (value: T) => boolean, options: { intervalMs: number; timeoutMs: number; onValue?: (value: T) => void }): Promise<T> {
  const end = performance.now() + options.timeoutMs;
  for (;;) {
    const value = await read();
    options.onValue?.(value);
    if (done(value)) return value;
    if (performance.now() > end) throw new Error(`gave up waiting after ${options.timeoutMs} ms: ${JSON.stringify(value).slice(0, 300)}`);
    await new Promise((r) => setTimeout(r, options.intervalMs));
  }
}

// A cookie-keeping HTTP client for the console, calling route handlers and server actions exactly as a
// browser does (same headers, same wire format), so tests can also send what a browser never would.
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../..', import.meta.url));

interface ManifestEntry {
  workers: Record<string, unknown>;
  filename?: string;
  exportedName?: string;
}

/** Server action ids of this build, by "app/actions/file.ts#exportName", with a page path that hosts each. */
export function actionIndex(): Map<string, { id: string; page: string }> {
  const file = path.join(root, '.next', 'server', 'server-reference-manifest.json');
  const manifest = JSON.parse(fs.readFileSync(file, 'utf8')) as {
    node: Record<string, ManifestEntry>;
  };
  const index = new Map<string, { id: string; page: string }>();
  for (const [id, entry] of Object.entries(manifest.node)) {
    if (!entry.filename || !entry.exportedName) continue;
    const worker = Object.keys(entry.workers)[0] ?? 'app/page';
    // "app/(console)/hosts/page" → "/hosts": route groups and the trailing "page" are not in the URL.
    const page =
      '/' +
      worker
        .replace(/^app\/?/, '')
        .replace(/\/?page$/, '')
        .split('/')
        .filter((s) => s && !/^\(.*\)$/.test(s))
        .join('/');
    index.set(`${entry.filename}#${entry.exportedName}`, { id, page });
  }
  return index;
}

export type ActionReply<T = unknown> =
  | { ok: true; data: T }
  | {
      ok: false;
      error: {
        code: string;
        message: string;
        fields?: { field: string; rule: string; message: string }[];
      };
    };

export interface HttpReply {
  status: number;
  headers: Headers;
  body: string;
  json<T = unknown>(): T;
}

export class ConsoleClient {
  private static actions: Map<string, { id: string; page: string }> | undefined;

  constructor(
    readonly baseUrl: string,
    /** Sent with every request, e.g. a forged X-Forwarded-Host. */
    private readonly extraHeaders: Record<string, string> = {},
    private readonly cookies = new Map<string, string>(),
    /** The local address the client's sockets are bound to (e.g. 127.0.0.2: another client on this machine). */
    private readonly localAddress?: string,
  ) {}

  /** The same signed-in client, adding headers to every request. */
  withHeaders(headers: Record<string, string>): ConsoleClient {
    return new ConsoleClient(
      this.baseUrl,
      { ...this.extraHeaders, ...headers },
      this.cookies,
      this.localAddress,
    );
  }

  /** A client whose connections come from `localAddress` (any 127.0.0.0/8 address works on loopback). */
  static from(baseUrl: string, localAddress: string): ConsoleClient {
    return new ConsoleClient(baseUrl, {}, new Map(), localAddress);
  }

  get origin(): string {
    return new URL(this.baseUrl).origin;
  }

  cookie(name: string): string | undefined {
    return this.cookies.get(name);
  }

  /** The Cookie header this client sends (for raw requests, e.g. of a load generator). */
  cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  setCookie(name: string, value: string): void {
    this.cookies.set(name, value);
  }

  private keepCookies(headers: Headers): void {
    for (const line of headers.getSetCookie()) {
      const [pair = ''] = line.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      if (!name) continue;
      if (!value || /expires=Thu, 01 Jan 1970/i.test(line) || /max-age=0/i.test(line))
        this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  async request(
    method: string,
    urlPath: string,
    init: { headers?: Record<string, string>; body?: string } = {},
  ): Promise<HttpReply> {
    const headers: Record<string, string> = { ...this.extraHeaders, ...init.headers };
    if (this.cookies.size) headers.cookie = this.cookieHeader();
    if (this.localAddress)
      return this.requestFrom(this.localAddress, method, urlPath, headers, init.body);
    const res = await fetch(new URL(urlPath, this.baseUrl), {
      method,
      headers,
      body: init.body,
      redirect: 'manual',
      signal: AbortSignal.timeout(60_000),
    });
    this.keepCookies(res.headers);
    const body = await res.text();
    return { status: res.status, headers: res.headers, body, json: <T>() => JSON.parse(body) as T };
  }

  private requestFrom(
    localAddress: string,
    method: string,
    urlPath: string,
    headers: Record<string, string>,
    body?: string,
  ): Promise<HttpReply> {
    return new Promise((resolve, reject) => {
      const req = http.request(
        new URL(urlPath, this.baseUrl),
        { method, headers, localAddress, agent: false, timeout: 60_000 },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('error', reject);
          res.on('end', () => {
            const h = new Headers();
            for (const [k, v] of Object.entries(res.headers))
              for (const one of ([] as (string | undefined)[]).concat(v))
                if (one !== undefined) h.append(k, one);
            this.keepCookies(h);
            const text = Buffer.concat(chunks).toString('utf8');
            resolve({
              status: res.statusCode ?? 0,
              headers: h,
              body: text,
              json: <T>() => JSON.parse(text) as T,
            });
          });
        },
      );
      req.on('timeout', () => req.destroy(new Error(`no answer to ${method} ${urlPath} in 60 s`)));
      req.on('error', reject);
      req.end(body);
    });
  }

  get(urlPath: string, headers: Record<string, string> = {}): Promise<HttpReply> {
    return this.request('GET', urlPath, { headers: { accept: 'application/json', ...headers } });
  }

  /** A JSON POST to a route handler as the browser's fetch sends it (same-origin Origin, JSON content type). */
  post(
    urlPath: string,
    body: unknown,
    opts: { origin?: string | null; contentType?: string } = {},
  ): Promise<HttpReply> {
    const headers: Record<string, string> = {
      accept: 'application/json',
      'content-type': opts.contentType ?? 'application/json',
    };
    if (opts.origin !== null) headers.origin = opts.origin ?? this.origin;
    return this.request('POST', urlPath, { headers, body: JSON.stringify(body) });
  }

  /**
   * Calls a server action the way Next's client does: POST to a page with `Next-Action: <id>` and the
   * arguments as a JSON array. `origin: null` sends no Origin header; a string sends that Origin.
   */
  async action<T = unknown>(
    file: string,
    exportName: string,
    args: unknown[],
    opts: { origin?: string | null } = {},
  ): Promise<{ reply: ActionReply<T> | undefined; http: HttpReply }> {
    ConsoleClient.actions ??= actionIndex();
    const entry = ConsoleClient.actions.get(`${file}#${exportName}`);
    if (!entry) throw new Error(`no server action ${file}#${exportName} in this build`);
    const headers: Record<string, string> = {
      accept: 'text/x-component',
      'next-action': entry.id,
      'content-type': 'text/plain;charset=UTF-8',
    };
    const origin = opts.origin === undefined ? this.origin : opts.origin;
    if (origin !== null) headers.origin = origin;
    const http = await this.request('POST', entry.page, { headers, body: JSON.stringify(args) });
    return { reply: parseActionReply<T>(http.body), http };
  }
}

/**
 * The action's return value from a React Flight response: row 0 holds `{"a":"$@N",...}`, row N the value.
 * Undefined when the response carries no value (a redirect or a framework error).
 */
export function parseActionReply<T>(body: string): ActionReply<T> | undefined {
  const rows = new Map<string, string>();
  for (const line of body.split('\n')) {
    const m = /^([0-9a-f]+):(.*)$/.exec(line);
    if (m && m[1] !== undefined && m[2] !== undefined) rows.set(m[1], m[2]);
  }
  const head = rows.get('0');
  if (!head) return undefined;
  let ref: unknown;
  try {
    ref = (JSON.parse(head) as { a?: unknown }).a;
  } catch {
    return undefined;
  }
  if (typeof ref !== 'string' || !ref.startsWith('$@')) return undefined;
  const row = rows.get(ref.slice(2));
  // An "E{...}" row is an error thrown by the framework (e.g. its own CSRF refusal): no value.
  if (row === undefined || !/^[[{"0-9tfn-]/.test(row)) return undefined;
  return JSON.parse(row) as ActionReply<T>;
}

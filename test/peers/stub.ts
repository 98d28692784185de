/**
 * A scripted HTTP server on 127.0.0.1 for what a real OAuth server cannot show: provider
 * quirks (Zoho's HTTP-200 errors and throttle, legacy milliseconds), 429/503 with
 * Retry-After, proxy HTML pages, resets and hangs. It records every request it gets.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';

export interface StubRequest {
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
  body: string;
  form: URLSearchParams;
}

export type Reply =
  | { status?: number; headers?: Record<string, string>; json?: unknown; text?: string }
  | { reset: 'before-body' | 'after-body' }
  | { hang: true }
  | { trickle: string; everyMs: number };

export type Handler = (req: StubRequest, n: number) => Reply | Promise<Reply>;

export interface Stub {
  origin: string;
  url(path: string): string;
  requests: StubRequest[];
  close(): Promise<void>;
}

/** Answer 200 JSON one character at a time, every `everyMs`: a body slower than any timeout. */
export function trickle(res: ServerResponse, text: string, everyMs: number): void {
  res.writeHead(200, { 'content-type': 'application/json' });
  let i = 0;
  const t = setInterval(() => {
    if (i >= text.length || res.destroyed) {
      clearInterval(t);
      res.end();
      return;
    }
    res.write(text[i++]);
  }, everyMs);
  res.on('close', () => clearInterval(t));
}

/** Reply with each item in turn; the last one repeats. */
export function sequence(...replies: Reply[]): Handler {
  return (_req, n) => replies[Math.min(n, replies.length - 1)]!;
}

export async function startStub(
  handler: Handler,
  tls?: { key: string; cert: string },
): Promise<Stub> {
  const requests: StubRequest[] = [];
  const sockets = new Set<Socket>();
  const server = tls ? createTlsServer(tls) : createServer();
  server.on(tls ? 'secureConnection' : 'connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  server.on('request', async (req: IncomingMessage, res: ServerResponse) => {
    const n = requests.length;
    const head = { method: req.method ?? '', path: req.url ?? '', headers: req.headers };
    // A reset before the body is read: the request never fully reached us.
    const early = await handler({ ...head, body: '', form: new URLSearchParams() }, n);
    if ('reset' in early && early.reset === 'before-body') {
      requests.push({ ...head, body: '', form: new URLSearchParams() });
      req.socket.destroy();
      return;
    }
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const body = Buffer.concat(chunks).toString('utf8');
    const seen: StubRequest = { ...head, body, form: new URLSearchParams(body) };
    requests.push(seen);
    const reply = await handler(seen, n);
    if ('reset' in reply) {
      req.socket.destroy();
      return;
    }
    if ('hang' in reply) return;
    if ('trickle' in reply) return trickle(res, reply.trickle, reply.everyMs);
    const headers: Record<string, string> = { ...(reply.headers ?? {}) };
    let payload = '';
    if (reply.json !== undefined) {
      payload = JSON.stringify(reply.json);
      headers['content-type'] ??= 'application/json;charset=UTF-8';
    } else if (reply.text !== undefined) {
      payload = reply.text;
    }
    res.writeHead(reply.status ?? 200, headers);
    res.end(payload);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  const origin = `${tls ? 'https' : 'http'}://127.0.0.1:${port}`;
  return {
    origin,
    url: (path) => `${origin}${path}`,
    requests,
    close: () =>
      new Promise<void>((r) => {
        for (const s of sockets) s.destroy();
        server.close(() => r());
      }),
  };
}

/** Zoho's success shapes. */
export const zoho = {
  ok: (
    token = '1000.a1b2c3d4e5f6.0123456789abcdef',
    extra: Record<string, unknown> = {},
  ): Reply => ({
    json: {
      access_token: token,
      api_domain: 'https://www.zohoapis.eu',
      token_type: 'Bearer',
      expires_in: 3600,
      ...extra,
    },
  }),
  legacy: (token = '1000.legacy.0123456789abcdef'): Reply => ({
    json: {
      access_token: token,
      expires_in_sec: 3600,
      api_domain: 'https://www.zohoapis.com',
      token_type: 'Bearer',
      expires_in: 3_600_000,
    },
  }),
  error: (code: string): Reply => ({ json: { error: code } }),
  throttle: (localised = false): Reply => ({
    json: localised
      ? {
          error: '拒绝访问',
          error_description: '您连续发出了太多请求。请稍后重试。',
          status: 'failure',
        }
      : {
          error: 'Access Denied',
          error_description:
            'You have made too many requests continuously. Please try again after some time.',
          status: 'failure',
        },
  }),
};

/** A loopback port nothing listens on (bound, then closed): a connection there is refused. */
export async function closedPort(): Promise<number> {
  const srv = createServer();
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  const { port } = srv.address() as AddressInfo;
  await new Promise((r) => srv.close(r));
  return port;
}

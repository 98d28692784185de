/**
 * The one HTTP primitive the project uses: a single request with a hard per-attempt
 * deadline (connect + send + whole body), a cap on the body size, no redirects followed,
 * and a record of whether the request may have reached the server. Retrying is not done
 * here; see retry.ts.
 */
import type { Agent, IncomingHttpHeaders, ClientRequest, IncomingMessage } from 'node:http';
import * as http from 'node:http';
import { t } from '../text.js';

export interface HttpRequest {
  url: URL;
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  headers: Record<string, string>;
  body?: string;
  timeoutMs: number;
  maxBodyBytes?: number;
  signal?: AbortSignal;
}

export interface HttpResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

export type Send = (req: HttpRequest) => Promise<HttpResponse>;

export interface TransportOptions {
  /** Proxy support: an agent for this URL, or undefined for a direct connection. */
  agentFor?: (url: URL) => Agent | undefined | Promise<Agent | undefined>;
  /** Extra TLS settings (Azure Pipelines agent certificates). */
  tls?: { ca?: string | Buffer; rejectUnauthorized?: boolean };
}

/** Why a proxy could not open a tunnel: its answer, or why it could not be reached. */
export interface ProxyFailure {
  code: string;
  message: string;
}

/**
 * An agent that tunnels through a proxy (see src/platform/proxy.ts): `destroy()` aborts a
 * CONNECT still waiting for the proxy, and `proxyFailure()` says why a tunnel failed.
 */
export interface ProxiedAgent extends Agent {
  proxyFailure?: () => ProxyFailure | undefined;
}

export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

/** A failure below HTTP: no status code was received. */
export class TransportError extends Error {
  constructor(
    message: string,
    readonly code: string,
    /** The request was written out in full, so the server may have processed it. */
    readonly sent: boolean,
    readonly timedOut = false,
  ) {
    super(message);
    this.name = 'TransportError';
  }
}

const TLS_TRUST_CODES = new Set([
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'CERT_UNTRUSTED',
  'CERT_REJECTED',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);

export function isTlsTrustError(code: string): boolean {
  return TLS_TRUST_CODES.has(code);
}

let httpsModule: typeof import('node:https') | undefined;

export function createTransport(opts: TransportOptions = {}): Send {
  return async (req) => {
    const isHttps = req.url.protocol === 'https:';
    // node:https costs load time; only runs that talk TLS pay for it.
    const mod = isHttps ? (httpsModule ??= await import('node:https')) : http;
    const agent = await opts.agentFor?.(req.url);
    return sendOnce(mod.request, req, agent, opts);
  };
}

function sendOnce(
  requestFn: typeof http.request,
  req: HttpRequest,
  agent: ProxiedAgent | undefined,
  opts: TransportOptions,
): Promise<HttpResponse> {
  const maxBody = req.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  return new Promise<HttpResponse>((resolve, reject) => {
    let sent = false;
    let settled = false;
    let cr: ClientRequest | undefined;
    let res: IncomingMessage | undefined;

    const finish = (err: TransportError | undefined, value?: HttpResponse) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      req.signal?.removeEventListener('abort', onAbort);
      if (err) {
        res?.destroy();
        cr?.destroy();
        // A CONNECT still waiting for a proxy is not ended by destroying the request it serves.
        agent?.destroy();
        reject(err);
      } else {
        resolve(value!);
      }
    };

    const timer = setTimeout(() => {
      finish(
        new TransportError(
          t`no complete answer within ${Math.round(req.timeoutMs / 100) / 10} s`,
          'ETIMEDOUT',
          sent,
          true,
        ),
      );
    }, req.timeoutMs);

    const onAbort = () => finish(new TransportError('cancelled', 'ABORTED', sent));
    if (req.signal?.aborted) return onAbort();
    req.signal?.addEventListener('abort', onAbort, { once: true });

    const headers: Record<string, string> = { ...req.headers };
    if (req.body !== undefined) headers['content-length'] = String(Buffer.byteLength(req.body));
    try {
      cr = requestFn(req.url, {
        method: req.method,
        headers,
        agent,
        ...(opts.tls?.ca ? { ca: opts.tls.ca } : {}),
        ...(opts.tls?.rejectUnauthorized === false ? { rejectUnauthorized: false } : {}),
      });
    } catch (e) {
      return finish(
        new TransportError(
          t`could not start the request (${(e as Error).message})`,
          'EREQUEST',
          false,
        ),
      );
    }
    cr.on('finish', () => {
      sent = true;
    });
    cr.on('error', (e: NodeJS.ErrnoException) => {
      const viaProxy = (agent as ProxiedAgent | undefined)?.proxyFailure?.();
      if (viaProxy) return finish(new TransportError(viaProxy.message, viaProxy.code, false));
      const code = e.code ?? 'EUNKNOWN';
      finish(new TransportError(describeNetworkError(code, req.url), code, sent));
    });
    cr.on('response', (r) => {
      res = r;
      const chunks: Buffer[] = [];
      let size = 0;
      r.on('data', (c: Buffer) => {
        size += c.length;
        if (size > maxBody) {
          finish(
            new TransportError(
              t`the answer was larger than ${Math.round(maxBody / 1024)} KiB; reading stopped`,
              'EBODYTOOLARGE',
              true,
            ),
          );
          return;
        }
        chunks.push(c);
      });
      r.on('end', () =>
        finish(undefined, {
          status: r.statusCode ?? 0,
          headers: r.headers,
          body: Buffer.concat(chunks),
        }),
      );
      r.on('error', (e: NodeJS.ErrnoException) => {
        finish(
          new TransportError(
            t`the connection broke while reading the answer (${e.code ?? e.message})`,
            e.code ?? 'ERESPONSE',
            true,
          ),
        );
      });
      r.on('aborted', () => {
        finish(
          new TransportError('the connection broke while reading the answer', 'ECONNRESET', true),
        );
      });
    });
    cr.end(req.body);
  });
}

function describeNetworkError(code: string, url: URL): string {
  const host = url.host;
  switch (code) {
    case 'ECONNREFUSED':
      return `connection to ${host} refused`;
    case 'ECONNRESET':
    case 'EPIPE':
      return `connection to ${host} was reset`;
    case 'ENOTFOUND':
      return `the host name ${url.hostname} was not found (DNS)`;
    case 'EAI_AGAIN':
      return `DNS lookup of ${url.hostname} failed for now`;
    case 'ETIMEDOUT':
      return `connection to ${host} timed out`;
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return `${host} is not reachable from this machine`;
    default:
      if (isTlsTrustError(code)) return `the TLS certificate of ${host} is not trusted (${code})`;
      return `network error talking to ${host} (${code})`;
  }
}

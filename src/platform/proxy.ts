/**
 * An HTTP(S) proxy agent for one request, over `tunnel` (CONNECT), the same package
 * `@actions/http-client` and azure-pipelines-task-lib use for it. Both platform adapters use
 * this; which proxy applies is each platform's own rule (env variables on GitHub, the agent's
 * configuration on Azure Pipelines). Loaded only when a proxy applies.
 *
 * Two things `tunnel` does not do, added here: the CONNECT request can be aborted (the
 * transport calls `destroy()` when its per-attempt deadline passes or the step is cancelled;
 * otherwise a proxy that accepts the connection and never answers keeps the process alive for
 * ever), and a failed tunnel says what the proxy did (`proxyFailure()`), where `tunnel` reports
 * every failure as a reset of the target.
 */
import type { ClientRequest, IncomingMessage, RequestOptions } from 'node:http';
import type { ProxiedAgent, ProxyFailure } from '../core/http.js';

export interface ProxySettings {
  url: URL;
  username?: string;
  password?: string;
}

export interface ProxyTls {
  ca?: Buffer;
  rejectUnauthorized?: boolean;
}

type RequestFn = (options: RequestOptions) => ClientRequest;

export async function proxyAgent(
  target: URL,
  proxy: ProxySettings,
  tls: ProxyTls = {},
): Promise<ProxiedAgent> {
  const tunnel = await import('tunnel');
  const overHttps = proxy.url.protocol === 'https:';
  const proxyHost = `${proxy.url.hostname}:${Number(proxy.url.port) || (overHttps ? 443 : 80)}`;
  const options = {
    proxy: {
      host: proxy.url.hostname,
      port: Number(proxy.url.port) || (overHttps ? 443 : 80),
    },
    ...(tls.ca ? { ca: [tls.ca] } : {}),
    ...(tls.rejectUnauthorized === false ? { rejectUnauthorized: false } : {}),
  };
  const make =
    target.protocol === 'https:'
      ? overHttps
        ? tunnel.httpsOverHttps
        : tunnel.httpsOverHttp
      : overHttps
        ? tunnel.httpOverHttps
        : tunnel.httpOverHttp;
  const agent = make(options) as unknown as ProxiedAgent & { request: RequestFn };

  const pending = new Set<ClientRequest>();
  let failure: ProxyFailure | undefined;
  const send = agent.request;
  // Our listeners are added before tunnel's own, so they run even though tunnel then removes
  // every listener of the CONNECT request.
  // The proxy's credentials go on the CONNECT request here, not through tunnel's proxyAuth:
  // tunnel builds that header with new Buffer(), which prints Node's DEP0005 deprecation
  // warning into the job log.
  const authorization = proxy.username
    ? `Basic ${Buffer.from(`${proxy.username}:${proxy.password ?? ''}`).toString('base64')}`
    : undefined;
  agent.request = (opts) => {
    if (authorization)
      opts = { ...opts, headers: { ...opts.headers, 'Proxy-Authorization': authorization } };
    const req = send(opts);
    pending.add(req);
    req.once('connect', (res: IncomingMessage) => {
      pending.delete(req);
      const status = res.statusCode ?? 0;
      if (status === 200) return;
      failure =
        status === 407
          ? {
              code: 'EPROXYAUTH',
              message: `the proxy at ${proxyHost} asked for authentication (HTTP 407): check the proxy user name and password`,
            }
          : {
              code: 'EPROXY',
              message: `the proxy at ${proxyHost} refused to open a tunnel to ${target.host} (HTTP ${status})`,
            };
    });
    req.once('error', (e: NodeJS.ErrnoException) => {
      pending.delete(req);
      failure ??= {
        code: e.code ?? 'EPROXY',
        message: `could not reach the proxy at ${proxyHost} (${e.code ?? 'error'})`,
      };
    });
    return req;
  };
  agent.proxyFailure = () => failure;
  agent.destroy = () => {
    for (const req of pending) req.destroy();
    pending.clear();
  };
  return agent;
}

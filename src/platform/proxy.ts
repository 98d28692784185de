/**
 * An HTTP(S) proxy agent for one request: a CONNECT tunnel through `https-proxy-agent`
 * (TooTallNate's proxy-agents, the maintained successor of the `tunnel` package that
 * `@actions/http-client` still carries). Both platform adapters use this; which proxy applies is
 * each platform's own rule (env variables on GitHub and at the terminal, the agent's
 * configuration on Azure Pipelines). Loaded only when a proxy applies.
 *
 * What is added to the library here:
 * - the CONNECT can be aborted: `destroy()` aborts the socket to the proxy (the transport calls
 *   it when its per-attempt deadline passes or the step is cancelled), so a proxy that accepts
 *   the connection and never answers cannot keep the process alive;
 * - a refused tunnel is an error that says what the proxy did (`proxyFailure()`). The library
 *   would instead replay the proxy's answer (its 407 page, say) as if the target had sent it;
 * - the proxy's credentials are decoded once, by the caller, and sent as a header: the URL the
 *   library sees carries none, so its debug lines cannot show them;
 * - its debug output is switched off: `DEBUG=*` in the environment would otherwise print the
 *   proxy's answer, untrusted text, past the one writer that defuses runner commands.
 */
import type { ClientRequest, IncomingHttpHeaders } from 'node:http';
import type { Socket } from 'node:net';
import type { HttpsProxyAgent as Base } from 'https-proxy-agent';
import type { ProxiedAgent, ProxyFailure } from '../core/net/http.js';

export interface ProxySettings {
  url: URL;
  /** Already decoded: never percent-decoded again here. */
  username?: string;
  password?: string;
}

export interface ProxyTls {
  ca?: Buffer;
  rejectUnauthorized?: boolean;
}

interface ConnectAnswer {
  statusCode: number;
  statusText: string;
  headers: IncomingHttpHeaders;
}

export async function proxyAgent(
  target: URL,
  proxy: ProxySettings,
  tls: ProxyTls = {},
): Promise<ProxiedAgent> {
  const [{ HttpsProxyAgent }, debug] = await Promise.all([
    import('https-proxy-agent'),
    import('debug'),
  ]);
  debug.default.disable();
  const overHttps = proxy.url.protocol === 'https:';
  const proxyHost = `${proxy.url.hostname}:${Number(proxy.url.port) || (overHttps ? 443 : 80)}`;
  const headers: Record<string, string> = proxy.username
    ? {
        'Proxy-Authorization': `Basic ${Buffer.from(`${proxy.username}:${proxy.password ?? ''}`).toString('base64')}`,
      }
    : {};
  // Aborts the socket to the proxy: net.connect and tls.connect take the signal.
  const abort = new AbortController();
  let failure: ProxyFailure | undefined;

  class Tunnel extends HttpsProxyAgent<string> {
    override async connect(
      req: ClientRequest,
      opts: Parameters<Base<string>['connect']>[1],
    ): Promise<Socket> {
      let socket: Socket;
      try {
        socket = await super.connect(req, opts);
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code ?? 'EPROXY';
        failure ??= { code, message: `could not reach the proxy at ${proxyHost} (${code})` };
        throw e;
      }
      // A refused tunnel: the library hands back a stand-in socket that replays the proxy's
      // answer as the target's. Fail the request instead, saying it was the proxy.
      if (failure) {
        socket.destroy();
        throw Object.assign(new Error(failure.message), { code: failure.code });
      }
      return socket;
    }
  }

  const agent = new Tunnel(proxy.url.origin, {
    headers,
    signal: abort.signal,
    ...(tls.ca ? { ca: tls.ca } : {}),
    ...(tls.rejectUnauthorized === false ? { rejectUnauthorized: false } : {}),
  }) as Tunnel & ProxiedAgent;
  agent.on('proxyConnect', (answer: ConnectAnswer) => {
    const status = answer.statusCode;
    if (status === 200) return;
    failure =
      status === 407
        ? {
            code: 'EPROXYAUTH',
            message: `the proxy at ${proxyHost} asked for authentication (HTTP 407): check the proxy user name and password`,
          }
        : {
            code: 'EPROXY',
            message: `the proxy at ${proxyHost} refused to open a tunnel to ${target.host} (HTTP ${Number.isInteger(status) ? status : '?'})`,
          };
  });
  agent.proxyFailure = () => failure;
  const destroy = agent.destroy.bind(agent);
  agent.destroy = () => {
    abort.abort();
    destroy();
  };
  return agent;
}

/**
 * An HTTP(S) proxy agent for one target URL, over `tunnel` (CONNECT for https targets), the
 * same package `@actions/http-client` and azure-pipelines-task-lib use for it. Both platform
 * adapters use this; which proxy applies is each platform's own rule (env variables on GitHub,
 * the agent's configuration on Azure Pipelines). Loaded only when a proxy applies.
 */
import type { Agent } from 'node:http';

export interface ProxySettings {
  url: URL;
  username?: string;
  password?: string;
}

export interface ProxyTls {
  ca?: Buffer;
  rejectUnauthorized?: boolean;
}

const agents = new Map<string, Agent>();

export async function proxyAgent(
  target: URL,
  proxy: ProxySettings,
  tls: ProxyTls = {},
): Promise<Agent> {
  const key = `${target.protocol}|${proxy.url.href}|${proxy.username ?? ''}`;
  const known = agents.get(key);
  if (known) return known;
  const tunnel = await import('tunnel');
  const overHttps = proxy.url.protocol === 'https:';
  const options = {
    proxy: {
      host: proxy.url.hostname,
      port: Number(proxy.url.port) || (overHttps ? 443 : 80),
      ...(proxy.username ? { proxyAuth: `${proxy.username}:${proxy.password ?? ''}` } : {}),
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
  const agent = make(options) as Agent;
  agents.set(key, agent);
  return agent;
}

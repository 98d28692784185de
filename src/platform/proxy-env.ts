/**
 * The proxy the environment names (`https_proxy` / `http_proxy` / `no_proxy`), for the GitHub
 * and command-line adapters; apart from proxy.ts so the Azure DevOps bundles, which take the
 * agent's proxy settings instead, do not carry @actions/http-client.
 */
import type { Agent } from 'node:http';
import { getProxyUrl } from '@actions/http-client/lib/proxy';
import { proxyAgent } from './proxy.js';

/**
 * The agent for a URL under the environment's `https_proxy` / `http_proxy` / `no_proxy`, read with
 * `@actions/http-client`'s own rules (GitHub runners, and the command line); undefined for a
 * direct connection. A proxy password is registered as a secret before it is used.
 */
export async function envProxyAgent(
  url: URL,
  setSecret: (value: string) => void,
): Promise<Agent | undefined> {
  const proxy = getProxyUrl(url);
  if (!proxy?.hostname) return undefined;
  // getProxyUrl returns a URL whose username and password getters are already percent-decoded:
  // decoding them again would misread (or throw on) a password holding a literal `%`.
  const password = proxy.password;
  if (password) setSecret(password);
  return proxyAgent(url, { url: proxy, username: proxy.username, password });
}

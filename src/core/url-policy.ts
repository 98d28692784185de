/**
 * Which server addresses an input may give: https:// (plain http only to loopback, where the
 * secrets never leave the machine), no credentials, secrets or fragment in the URL. The one
 * loopback rule also keeps loopback off the Azure Pipelines agent's proxy.
 */
import type { Inputs } from './inputs.js';
import { t } from './text.js';

const LOOPBACK_V4 = /^127(\.\d{1,3}){3}$/;

/**
 * The one loopback rule: 127.0.0.0/8 as a full dotted address, `localhost` and `::1`. It lets
 * http:// through (the secrets never leave the machine) and keeps the Azure Pipelines agent's
 * proxy out. Not `*.localhost`, nor `127.example.com`: those names go to DNS, which may not
 * answer with loopback.
 */
export function isLoopbackHost(hostname: string): boolean {
  const h = hostname.toLowerCase();
  return h === 'localhost' || LOOPBACK_V4.test(h) || h === '[::1]' || h === '::1';
}

const SECRET_QUERY_KEYS = [
  'client_secret',
  'refresh_token',
  'access_token',
  'token',
  'password',
  'code',
  'code_verifier',
];

/**
 * An endpoint URL a credential will be sent to: https (http only to loopback hosts, for
 * tests and local servers), no user:password, no secret-looking query parameters, no fragment.
 */
export function endpointUrl(inputs: Inputs, key: string, raw: string, what: string): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw inputs.error(key, 'is not a valid URL', t`give the full https:// address of the ${what}`);
  }
  if (url.username || url.password) {
    throw inputs.error(
      key,
      'contains credentials (user:password@host)',
      'remove them from the URL; pass the client id and secret through their own inputs, from secrets',
    );
  }
  if (url.protocol === 'http:') {
    if (!isLoopbackHost(url.hostname)) {
      throw inputs.error(
        key,
        t`uses http:// to ${url.hostname}, which would send secrets unencrypted`,
        'use https:// (plain http is accepted only for loopback hosts such as 127.0.0.1)',
      );
    }
  } else if (url.protocol !== 'https:') {
    throw inputs.error(
      key,
      t`uses the scheme '${url.protocol}'`,
      t`use an https:// URL of the ${what}`,
    );
  }
  for (const k of url.searchParams.keys()) {
    if (SECRET_QUERY_KEYS.includes(k.toLowerCase())) {
      throw inputs.error(
        key,
        t`carries '${k}' in its query string, where logs and proxies keep it`,
        'remove it from the URL; credentials are sent in the request body',
      );
    }
  }
  if (url.hash) {
    throw inputs.error(key, 'has a #fragment', t`remove it; give the plain address of the ${what}`);
  }
  return url;
}

/**
 * `oauth-token zoho exchange-code`: turn a Zoho Self Client grant code into the refresh token a
 * pipeline stores. The refresh token goes to standard output once (alone on its line, so it can
 * be piped into `gh secret set`), and nowhere else; what to store where goes to standard error.
 */
import { exchangeCode, exchangeSecrets } from '../core/oauth/code-exchange.js';
import { Inputs } from '../core/inputs.js';
import { endpointUrl } from '../core/url-policy.js';
import { type ClientAuth, defaultRegion, PROVIDERS, regionNames } from '../core/oauth/providers.js';
import type { Runtime } from '../core/runtime.js';
import { t } from '../core/text.js';
import type { CliPlatform } from '../platform/cli.js';
import type { Io } from './io.js';
import { secretInputsOf } from '../core/secret-inputs.js';
import { maskSecretInputs } from '../steps/mask.js';

export async function zohoExchange(
  p: CliPlatform,
  rt: Runtime,
  io: Io,
  flags: Record<string, string>,
  showSecret: (line: string) => void,
): Promise<void> {
  maskSecretInputs(p, secretInputsOf('exchange-code'));
  const inputs = new Inputs(p, p.log);
  const provider = PROVIDERS.zoho;
  const region = inputs.oneOf('region', regionNames(provider), defaultRegion(provider) ?? 'us');
  const clientId = inputs.str('client-id');
  if (!clientId) {
    throw inputs.error(
      'client-id',
      'is required',
      "give the Self Client's client id (API console, Self Client, Client Secret tab)",
    );
  }
  const clientSecret = inputs.secret('client-secret');
  if (!clientSecret) {
    throw inputs.error(
      'client-secret',
      'is required',
      'set it in the environment, or give client-secret=... with --stdin',
    );
  }
  const code = inputs.secret('grant-code');
  if (!code) {
    throw inputs.error(
      'grant-code',
      'is required',
      'generate a code in the API console (Self Client, Generate Code) and set it in the environment, or give grant-code=... with --stdin',
    );
  }
  const rawUrl = inputs.str('token-url');
  const tokenUrl = rawUrl
    ? endpointUrl(inputs, 'token-url', rawUrl, 'token endpoint')
    : new URL(`https://${provider.regions[region]!.host}${provider.tokenPath}`);
  const x = {
    provider,
    region: rawUrl ? undefined : region,
    tokenUrl,
    clientId,
    clientSecret,
    clientAuth: inputs.oneOf<ClientAuth>('client-auth', ['basic', 'post'], provider.clientAuth),
    code,
    redirectUri: inputs.str('redirect-uri'),
    timeoutMs: inputs.seconds('timeout-seconds', 30, 0, 600, true),
    label: (k: string) => inputs.label(k),
  };
  for (const s of exchangeSecrets(x)) p.setSecret(s);
  const got = await exchangeCode(x, rt);
  for (const s of [got.accessToken, got.refreshToken, got.idToken ?? '']) if (s) p.setSecret(s);

  if (io.json) {
    io.json(
      {
        refresh_token: got.refreshToken,
        client_id: clientId,
        region: x.region,
        accounts_server: tokenUrl.origin,
        scope: got.scope || undefined,
        api_domain: got.apiDomain,
      },
      ['refresh_token'],
    );
  } else {
    showSecret(got.refreshToken);
  }
  const where = x.region ? `region ${x.region}` : tokenUrl.origin;
  const regionFlag = x.region ? ` --region ${x.region}` : ` --token-url ${tokenUrl.href}`;
  for (const line of [
    '',
    t`That is the refresh token (above, on standard output) for client ${clientId}, ${where}${got.scope ? `, scope ${got.scope}` : ''}.`,
    'It is printed once and written nowhere else. It does not expire; store it now as a secret:',
    '  GitHub Actions: secret ZOHO_REFRESH_TOKEN (gh secret set ZOHO_REFRESH_TOKEN), secret',
    t`    ZOHO_CLIENT_SECRET, and the client id as variable ZOHO_CLIENT_ID (gh variable set ZOHO_CLIENT_ID --body ${clientId}).`,
    '  Azure DevOps: a service connection of type "OAuth 2.0 client", scheme "Refresh token":',
    t`    provider site24x7 (or zoho), region ${x.region ?? '(custom token URL)'}, client id ${clientId}, the client secret and this refresh token.`,
    'Then check it end to end (reads OAUTH_CLIENT_SECRET and OAUTH_REFRESH_TOKEN from the environment):',
    t`  oauth-token doctor --provider site24x7${regionFlag} --client-id ${clientId}`,
    '',
    t`Zoho keeps at most 20 refresh tokens per client: the 21st deletes the oldest, with its access tokens. Exchanging more codes for client ${clientId} will in time delete the one stored for CI; give each pipeline its own Self Client, or replace the stored secret each time.`,
  ])
    io.err(line);
}

/**
 * A real, OpenID-certified OAuth 2.0 server (panva's oidc-provider) on 127.0.0.1, used as the
 * peer by the tests and by `npm run demo`. It does client_credentials with client_secret_basic
 * and client_secret_post, refresh_token with rotation (replaying a used refresh token revokes
 * the grant, as real servers do), and RFC 7009 revocation.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type ProviderType from 'oidc-provider';

/** oidc-provider warns on import and start (dev keys, in-memory store, Node 20): expected here. */
async function quietly<T>(fn: () => Promise<T>): Promise<T> {
  const warn = console.warn;
  console.warn = (...args: unknown[]) => {
    if (!String(args[0]).startsWith('oidc-provider WARNING')) warn(...args);
  };
  try {
    return await fn();
  } finally {
    console.warn = warn;
  }
}

/** Secrets with the characters that break naive Basic encoding: `% + : & =` and a space. */
export const CLIENTS = {
  basic: { id: 'ci-basic', secret: 'S3cr%t+x: &=y-basic-0123456789' },
  post: { id: 'ci-post', secret: 'P0st%t+x: &=y-post-0123456789' },
  refresh: { id: 'ci-refresh', secret: 'R3fr%t+x: &=y-refresh-0123456789' },
} as const;

export interface SeenRequest {
  method: string;
  path: string;
  authorization?: string;
  contentType?: string;
  body: string;
}

export interface OidcPeer {
  origin: string;
  tokenUrl: string;
  revokeUrl: string;
  /** Every request the server received, in order. */
  requests: SeenRequest[];
  /** A refresh token for the `refresh` client, as if the user had logged in once. */
  issueRefreshToken(): Promise<string>;
  /**
   * An authorization code for the `refresh` client, as the authorization endpoint would give it
   * after the user consented (with offline_access, so the exchange returns a refresh token).
   */
  issueAuthorizationCode(redirectUri: string): Promise<string>;
  /** Whether an access token is still known and valid to the server. */
  accessTokenActive(token: string): Promise<boolean>;
  refreshTokenActive(token: string): Promise<boolean>;
  close(): Promise<void>;
}

export async function startOidcPeer(
  opts: {
    rotateRefreshToken?: boolean;
    /** private_key_jwt clients (client_credentials): id, public JWK and signing algorithm. */
    keyClients?: Array<{ id: string; jwk: Record<string, unknown>; alg: string }>;
    /** Lifetimes in seconds of the access tokens it issues (short ones for expiry tests). */
    ttl?: { accessToken?: number; clientCredentials?: number };
  } = {},
): Promise<OidcPeer> {
  const requests: SeenRequest[] = [];
  const server: Server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;

  const Provider: typeof ProviderType = (await quietly(() => import('oidc-provider'))).default;
  const provider = await quietly(
    async () =>
      new Provider(origin, {
        clients: [
          {
            client_id: CLIENTS.basic.id,
            client_secret: CLIENTS.basic.secret,
            token_endpoint_auth_method: 'client_secret_basic',
            grant_types: ['client_credentials'],
            response_types: [],
            redirect_uris: [],
            scope: 'api:read api:write',
          },
          {
            client_id: CLIENTS.post.id,
            client_secret: CLIENTS.post.secret,
            token_endpoint_auth_method: 'client_secret_post',
            grant_types: ['client_credentials'],
            response_types: [],
            redirect_uris: [],
            scope: 'api:read api:write',
          },
          {
            client_id: CLIENTS.refresh.id,
            client_secret: CLIENTS.refresh.secret,
            token_endpoint_auth_method: 'client_secret_basic',
            grant_types: ['authorization_code', 'refresh_token'],
            response_types: ['code'],
            redirect_uris: ['https://client.example.test/callback'],
          },
          ...(opts.keyClients ?? []).map((c) => ({
            client_id: c.id,
            token_endpoint_auth_method: 'private_key_jwt' as const,
            token_endpoint_auth_signing_alg: c.alg as 'RS256',
            jwks: { keys: [c.jwk as unknown as import('oidc-provider').JWK] },
            grant_types: ['client_credentials'],
            response_types: [],
            redirect_uris: [],
            scope: 'api:read api:write',
          })),
        ],
        scopes: ['openid', 'offline_access', 'api:read', 'api:write'],
        findAccount: async (_ctx, sub) => ({ accountId: sub, claims: async () => ({ sub }) }),
        features: {
          clientCredentials: { enabled: true },
          // Only the client a token was issued to may revoke it.
          revocation: {
            enabled: true,
            allowedPolicy: async (_ctx, client, token) => token.clientId === client.clientId,
          },
          introspection: { enabled: true },
          devInteractions: { enabled: false },
        },
        rotateRefreshToken: opts.rotateRefreshToken ?? true,
        ttl: {
          AccessToken: opts.ttl?.accessToken ?? 3600,
          ClientCredentials: opts.ttl?.clientCredentials ?? 600,
          RefreshToken: 86_400,
          IdToken: 3600,
          Grant: 86_400,
        },
        cookies: { keys: ['oauth-token-action-test-cookie-key'] },
      }),
  );
  provider.on('server_error', (_ctx: unknown, err: Error) => {
    process.stderr.write(`oidc-provider server_error: ${err.stack}\n`);
  });
  const callback = provider.callback();
  server.on('request', (req: IncomingMessage, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      requests.push({
        method: req.method ?? '',
        path: req.url ?? '',
        authorization: req.headers.authorization,
        contentType: req.headers['content-type'],
        body: Buffer.concat(chunks).toString('utf8'),
      });
    });
    callback(req, res);
  });

  /** The `refresh` client and a grant user-1 gave it (openid offline_access), as after a login. */
  const consented = async () => {
    const client = await provider.Client.find(CLIENTS.refresh.id);
    if (!client) throw new Error('refresh client missing');
    const grant = new provider.Grant({ accountId: 'user-1', clientId: CLIENTS.refresh.id });
    grant.addOIDCScope('openid offline_access');
    return { client, grantId: await grant.save() };
  };

  return {
    origin,
    tokenUrl: `${origin}/token`,
    revokeUrl: `${origin}/token/revocation`,
    requests,
    async issueRefreshToken() {
      const { client, grantId } = await consented();
      const rt = new provider.RefreshToken({
        accountId: 'user-1',
        client,
        grantId,
        scope: 'openid offline_access',
        gty: 'authorization_code',
        authTime: Math.floor(Date.now() / 1000),
      });
      return rt.save();
    },
    async issueAuthorizationCode(redirectUri) {
      const { client, grantId } = await consented();
      const code = new provider.AuthorizationCode({
        accountId: 'user-1',
        client,
        grantId,
        scope: 'openid offline_access',
        redirectUri,
        gty: 'authorization_code',
        authTime: Math.floor(Date.now() / 1000),
      });
      return code.save();
    },
    async accessTokenActive(token) {
      const at =
        (await provider.AccessToken.find(token)) ?? (await provider.ClientCredentials.find(token));
      return Boolean(at && !at.isExpired);
    },
    async refreshTokenActive(token) {
      const rt = await provider.RefreshToken.find(token);
      return Boolean(rt && !rt.isExpired && !rt.consumed);
    },
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

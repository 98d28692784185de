/**
 * Loopback peers for keyless authentication (issue 17), built on `jose`:
 * - a CI OIDC issuer like GitHub's (discovery document, JWKS, tokens with GitHub's claims, and
 *   the runner's token request endpoint that wants the request token) and like Azure DevOps'
 *   (the pipeline token endpoint behind System.OidcRequestUri);
 * - an authorization server that verifies what real servers verify: federated client
 *   assertions and jwt-bearer / token-exchange grants against the issuer's JWKS (issuer,
 *   audience, subject, expiry, signature), and private_key_jwt assertions against a client's
 *   registered public key, with a clock that can be set ahead to see expired assertions.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as jose from 'jose';

export function serve(
  handler: (req: IncomingMessage, body: string, res: ServerResponse) => void | Promise<void>,
) {
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => void handler(req, Buffer.concat(chunks).toString('utf8'), res));
  });
  return new Promise<{ origin: string; close: () => Promise<void> }>((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({
        origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
        close: () =>
          new Promise<void>((r) => {
            server.closeAllConnections();
            server.close(() => r());
          }),
      }),
    ),
  );
}

export const send = (res: ServerResponse, status: number, body: unknown) => {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
};

export interface CiIssuer {
  origin: string;
  /** ACTIONS_ID_TOKEN_REQUEST_URL, as the runner sets it. */
  requestUrl: string;
  requestToken: string;
  /** System.OidcRequestUri, and the job access token it wants. */
  azureUrl: string;
  azureAccessToken: string;
  /** The subject the next tokens carry (GitHub's `repo:owner/repo:ref:...`). */
  subject: string;
  /** Seconds the next tokens live (negative: already expired). */
  lifetime: number;
  /** Seconds to add to the next tokens' iat (negative: issued in the past). */
  issuedAtOffset: number;
  issued: Array<{ aud: string; sub: string }>;
  /**
   * Azure DevOps service connections the pipeline may use, by id: their names, for tokens of
   * subject `sc://<org>/<project>/<name>` (System.OidcRequestUri with serviceConnectionId).
   */
  connections: Map<string, string>;
  close(): Promise<void>;
}

export async function startCiIssuer(): Promise<CiIssuer> {
  const { publicKey, privateKey } = await jose.generateKeyPair('RS256');
  const jwk = { ...(await jose.exportJWK(publicKey)), kid: 'ci-key-1', alg: 'RS256', use: 'sig' };
  const issuer: CiIssuer = {
    origin: '',
    requestUrl: '',
    requestToken: 'runner-request-token-0123456789',
    azureUrl: '',
    azureAccessToken: 'azure-system-access-token-0123456789',
    subject: 'repo:acme/shop:ref:refs/heads/main',
    lifetime: 300,
    issuedAtOffset: 0,
    issued: [],
    connections: new Map(),
    close: async () => undefined,
  };
  const sign = async (aud: string, sub: string, extra: Record<string, unknown>) => {
    const now = Math.floor(Date.now() / 1000) + issuer.issuedAtOffset;
    issuer.issued.push({ aud, sub });
    return new jose.SignJWT(extra)
      .setProtectedHeader({ alg: 'RS256', kid: 'ci-key-1', typ: 'JWT' })
      .setIssuer(issuer.origin)
      .setSubject(sub)
      .setAudience(aud)
      .setJti(crypto.randomUUID())
      .setIssuedAt(now + Math.min(0, issuer.lifetime - 60))
      .setNotBefore(now + Math.min(0, issuer.lifetime - 60))
      .setExpirationTime(now + issuer.lifetime)
      .sign(privateKey);
  };
  const s = await serve(async (req, _body, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    if (url.pathname === '/.well-known/openid-configuration')
      return send(res, 200, {
        issuer: issuer.origin,
        jwks_uri: `${issuer.origin}/.well-known/jwks`,
      });
    if (url.pathname === '/.well-known/jwks') return send(res, 200, { keys: [jwk] });
    if (url.pathname === '/github/token' && req.method === 'GET') {
      if (req.headers.authorization !== `Bearer ${issuer.requestToken}`)
        return send(res, 401, { message: 'Bad request token' });
      if (url.searchParams.get('api-version') !== '2.0')
        return send(res, 400, { message: 'api-version' });
      // GitHub's default audience is the repository owner's URL.
      const aud = url.searchParams.get('audience') ?? 'https://github.com/acme';
      return send(res, 200, {
        count: 1,
        value: await sign(aud, issuer.subject, {
          repository: 'acme/shop',
          repository_owner: 'acme',
          ref: 'refs/heads/main',
          run_id: '4242',
        }),
      });
    }
    if (url.pathname === '/azure/oidctoken' && req.method === 'POST') {
      if (req.headers.authorization !== `Bearer ${issuer.azureAccessToken}`)
        return send(res, 401, { message: 'Unauthorized' });
      if (url.searchParams.get('api-version') !== '7.1')
        return send(res, 400, { message: 'api-version' });
      // With serviceConnectionId: a token for that connection, if the pipeline may use it.
      const connectionId = url.searchParams.get('serviceConnectionId');
      let subject = issuer.subject;
      if (connectionId !== null) {
        const name = issuer.connections.get(connectionId);
        if (!name)
          return send(res, 400, {
            message: `Service connection ${connectionId} was not found or is not authorized for this pipeline.`,
          });
        subject = `sc://acme/Shop/${name}`;
      }
      return send(res, 200, {
        oidcToken: await sign('api://AzureADTokenExchange', subject, {
          org_id: 'org-1',
          run_id: '981',
        }),
      });
    }
    return send(res, 404, { message: 'Not Found' });
  });
  issuer.origin = s.origin;
  issuer.requestUrl = `${s.origin}/github/token?api-version=2.0`;
  issuer.azureUrl = `${s.origin}/azure/oidctoken`;
  issuer.close = s.close;
  return issuer;
}

export interface FederatedServer {
  tokenUrl: string;
  /** What the server trusts: the CI issuer, the audience and subject of its federated credential. */
  trust: { issuer: string; audience: string; subject: string };
  /** Clients that sign their own assertions, by id: their public key. */
  keys: Map<string, jose.CryptoKey | Uint8Array>;
  /** Seconds to add to the server's clock (to see an assertion as expired). */
  clockSkew: number;
  requests: URLSearchParams[];
  close(): Promise<void>;
}

export async function startFederatedServer(
  trust: FederatedServer['trust'],
): Promise<FederatedServer> {
  const fed: FederatedServer = {
    tokenUrl: '',
    trust,
    keys: new Map(),
    clockSkew: 0,
    requests: [],
    close: async () => undefined,
  };
  const refuse = (res: ServerResponse, status: number, error: string, why: string) =>
    send(res, status, { error, error_description: why });
  /** Verify a CI token as the federated credential says; the reason when it does not hold. */
  const verifyCi = async (jwt: string): Promise<string | undefined> => {
    try {
      const jwks = jose.createRemoteJWKSet(new URL(`${fed.trust.issuer}/.well-known/jwks`));
      const { payload } = await jose.jwtVerify(jwt, jwks, {
        issuer: fed.trust.issuer,
        audience: fed.trust.audience,
        currentDate: new Date(Date.now() + fed.clockSkew * 1000),
      });
      if (payload.sub !== fed.trust.subject)
        return `AADSTS70021: No matching federated identity record found for presented assertion subject '${payload.sub}'.`;
      return undefined;
    } catch (e) {
      return `The presented assertion failed validation: ${(e as Error).message}`;
    }
  };
  const s = await serve(async (req, body, res) => {
    if (req.method !== 'POST' || new URL(req.url ?? '/', 'http://x').pathname !== '/token')
      return send(res, 404, {});
    const form = new URLSearchParams(body);
    fed.requests.push(form);
    const grant = form.get('grant_type');
    // Client authentication: an assertion (federated or private_key_jwt) or none.
    const assertion = form.get('client_assertion');
    if (assertion) {
      if (
        form.get('client_assertion_type') !==
        'urn:ietf:params:oauth:client-assertion-type:jwt-bearer'
      )
        return refuse(res, 400, 'invalid_request', 'client_assertion_type is not jwt-bearer');
      const clientId = form.get('client_id') ?? '';
      const key = fed.keys.get(clientId);
      if (key) {
        try {
          await jose.jwtVerify(assertion, key, {
            issuer: clientId,
            subject: clientId,
            audience: fed.tokenUrl,
            currentDate: new Date(Date.now() + fed.clockSkew * 1000),
            maxTokenAge: 300,
          });
        } catch (e) {
          return refuse(
            res,
            401,
            'invalid_client',
            `client assertion rejected: ${(e as Error).message}`,
          );
        }
      } else {
        const why = await verifyCi(assertion);
        if (why) return refuse(res, 401, 'invalid_client', why);
      }
    }
    if (grant === 'urn:ietf:params:oauth:grant-type:jwt-bearer') {
      const why = await verifyCi(form.get('assertion') ?? '');
      if (why) return refuse(res, 400, 'invalid_grant', why);
    } else if (grant === 'urn:ietf:params:oauth:grant-type:token-exchange') {
      if (form.get('subject_token_type') !== 'urn:ietf:params:oauth:token-type:jwt')
        return refuse(res, 400, 'invalid_request', 'unsupported subject_token_type');
      const why = await verifyCi(form.get('subject_token') ?? '');
      if (why) return refuse(res, 400, 'invalid_grant', why);
    } else if (grant === 'client_credentials') {
      if (!assertion) return refuse(res, 401, 'invalid_client', 'client authentication required');
    } else {
      return refuse(res, 400, 'unsupported_grant_type', String(grant));
    }
    return send(res, 200, {
      access_token: `fed-${crypto.randomUUID()}`,
      token_type: 'Bearer',
      expires_in: 3600,
      ...(grant?.endsWith('token-exchange')
        ? { issued_token_type: 'urn:ietf:params:oauth:token-type:access_token' }
        : {}),
    });
  });
  fed.tokenUrl = `${s.origin}/token`;
  fed.close = s.close;
  return fed;
}

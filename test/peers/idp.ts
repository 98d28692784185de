/**
 * Identity-provider peers as strict as the real servers (issue 24), where they are stricter
 * than RFC 7523. Each rule below is read from the server's source or documentation; the
 * sources are in docs/providers.md ("Keyless client authentication").
 *
 * - Keycloak 26.6: federated client assertions as AbstractJWTClientValidator and
 *   FederatedJWTClientValidator check them (client found by the CI token's issuer and subject,
 *   a `client_id` that differs from `sub` refused, the realm issuer the only audience, one
 *   audience, `exp` required, used at most 300 s after `iat`, a `jti` used once), and
 *   private_key_jwt keys looked up by Keycloak's own key id (KeyUtils.createKeyId) or, without
 *   a kid, by algorithm.
 * - Microsoft Entra ID: private_key_jwt keys found by the certificate thumbprint (`x5t#S256`,
 *   or `x5t`), RS256 and PS256 only, the token endpoint as audience; federated credentials with
 *   an issuer, subject and audience; jwt-bearer only as on-behalf-of with an Entra assertion.
 * - Auth0: private_key_jwt credentials are RSA keys (RS256, RS384, PS256) with a kid Auth0
 *   generated; the tenant URL with its trailing slash as audience.
 */
import { createHash, type KeyObject, X509Certificate } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import * as jose from 'jose';
import { send, serve } from './federation.js';

const ASSERTION_TYPE = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';

interface Peer {
  origin: string;
  tokenUrl: string;
  requests: URLSearchParams[];
  close(): Promise<void>;
}

const refuse = (res: ServerResponse, status: number, error: string, description: string) =>
  send(res, status, { error, error_description: description });

const issued = (res: ServerResponse) =>
  send(res, 200, {
    access_token: `idp-${crypto.randomUUID()}`,
    token_type: 'Bearer',
    expires_in: 300,
  });

/** The JWT's header and claims, undecoded when it is not a JWT. */
function decode(jwt: string): {
  header?: jose.ProtectedHeaderParameters;
  claims?: jose.JWTPayload;
} {
  try {
    return { header: jose.decodeProtectedHeader(jwt), claims: jose.decodeJwt(jwt) };
  } catch {
    return {};
  }
}

async function body(
  req: IncomingMessage,
  text: string,
  path: string,
): Promise<URLSearchParams | undefined> {
  if (req.method !== 'POST' || new URL(req.url ?? '/', 'http://x').pathname !== path)
    return undefined;
  return new URLSearchParams(text);
}

export interface KeycloakPeer extends Peer {
  /** The realm's issuer URL, `${origin}/realms/${realm}`. */
  issuer: string;
  realm: string;
  /** Federated clients: the identity provider's issuer and the subject they stand for. */
  federated: Array<{ clientId: string; issuer: string; subject: string }>;
  /** private_key_jwt clients: their public key, under Keycloak's own key id. */
  keyed: Map<string, KeyObject>;
  /** Answer the next n requests that pass client authentication with HTTP 503. */
  failAfterAuth: number;
}

/** Keycloak's key id of a public key: base64url(SHA-256(SubjectPublicKeyInfo DER)). */
export function keycloakKid(key: KeyObject): string {
  return createHash('sha256')
    .update(key.export({ format: 'der', type: 'spki' }))
    .digest('base64url');
}

export async function startKeycloakPeer(realm = 'ci'): Promise<KeycloakPeer> {
  const seenJti = new Set<string>();
  const peer: KeycloakPeer = {
    origin: '',
    tokenUrl: '',
    issuer: '',
    realm,
    federated: [],
    keyed: new Map(),
    failAfterAuth: 0,
    requests: [],
    close: async () => undefined,
  };
  const path = `/realms/${realm}/protocol/openid-connect/token`;
  // AbstractJWTClientValidator.failure(): invalid_client, HTTP 400 by default.
  const fail = (res: ServerResponse, why: string, status = 400) =>
    refuse(res, status, 'invalid_client', why);
  /** AbstractBaseJWTValidator.validateTokenActive with maximumExpirationTime 300, no reuse. */
  const active = (c: jose.JWTPayload, skew: number): string | undefined => {
    const now = Math.floor(Date.now() / 1000);
    if (c.exp === undefined) return 'Token exp claim is required';
    if (c.exp + skew < now || (c.nbf !== undefined && c.nbf - skew > now))
      return 'Token is not active';
    if (c.iat !== undefined) {
      if (c.iat - skew > now) return 'Token was issued in the future';
      if (now > c.iat + 300) return 'Token was issued too far in the past to be used now';
    } else if (c.exp - now > 300) {
      return 'Token expiration is too far in the future and iat claim not present in token';
    }
    if (!c.jti) return 'Token jti claim is required';
    if (seenJti.has(c.jti)) return 'Token reuse detected';
    seenJti.add(c.jti);
    return undefined;
  };
  const s = await serve(async (req, text, res) => {
    const form = await body(req, text, path);
    if (!form) return send(res, 404, { error: 'Not Found' });
    peer.requests.push(form);
    const type = form.get('client_assertion_type');
    const assertion = form.get('client_assertion');
    if (type === null) return fail(res, 'Parameter client_assertion_type is missing');
    if (type !== ASSERTION_TYPE)
      return fail(
        res,
        `Parameter client_assertion_type has value '${type}' but expected is '${ASSERTION_TYPE}'`,
      );
    if (!assertion) return fail(res, 'client_assertion parameter missing');
    const { header, claims } = decode(assertion);
    if (!header || !claims) return fail(res, 'Invalid client assertion');
    if (!claims.sub) return fail(res, 'Token sub claim is required');
    const clientIdParam = form.get('client_id');
    const federated = peer.federated.find((f) => f.issuer === claims.iss);
    if (federated) {
      // Keycloak 26.6 (keycloak/keycloak#42634): client_id, when sent, must equal sub.
      if (clientIdParam !== null && clientIdParam !== claims.sub)
        return fail(res, 'client_id parameter does not match sub claim');
      const client = peer.federated.find(
        (f) => f.issuer === claims.iss && f.subject === claims.sub,
      );
      if (!client) return fail(res, 'Invalid client or Invalid client credentials', 401);
      try {
        const jwks = jose.createRemoteJWKSet(new URL(`${client.issuer}/.well-known/jwks`));
        await jose.jwtVerify(assertion, jwks, { clockTolerance: 0 });
      } catch {
        return fail(res, 'Invalid client assertion signature');
      }
    } else {
      // private_key_jwt (JWTClientValidator): sub is the client id.
      const key = peer.keyed.get(String(claims.sub));
      if (!key) return fail(res, 'Invalid client or Invalid client credentials', 401);
      if (clientIdParam !== null && clientIdParam !== claims.sub)
        return fail(res, 'client_id parameter does not match authenticated client');
      // PublicKeyStorageManager: by kid, else the key that fits the algorithm.
      if (header.kid !== undefined && header.kid !== keycloakKid(key))
        return fail(res, 'Unable to load public key');
      try {
        await jose.compactVerify(assertion, key);
      } catch {
        return fail(res, 'Signature on JWT token failed validation');
      }
    }
    if (!header.alg || header.alg === 'none' || header.alg.startsWith('HS'))
      return fail(res, 'Invalid signature algorithm');
    const aud = Array.isArray(claims.aud) ? claims.aud : claims.aud ? [claims.aud] : [];
    // Federated: only the realm issuer, one audience. private_key_jwt: issuer or endpoint.
    const audiences = federated ? [peer.issuer] : [peer.issuer, peer.tokenUrl];
    if (!aud.some((a) => audiences.includes(a))) return fail(res, 'Invalid token audience');
    if (federated && aud.length > 1) return fail(res, 'Multiple audiences not allowed');
    const notActive = active(claims, federated ? 15 : 15);
    if (notActive) return fail(res, notActive);
    if (peer.failAfterAuth > 0) {
      peer.failAfterAuth -= 1;
      return send(res, 503, { error: 'temporarily_unavailable' });
    }
    if (form.get('grant_type') !== 'client_credentials')
      return refuse(res, 400, 'unsupported_grant_type', 'Unsupported grant_type');
    return issued(res);
  });
  peer.origin = s.origin;
  peer.issuer = `${s.origin}/realms/${realm}`;
  peer.tokenUrl = `${s.origin}${path}`;
  peer.close = s.close;
  return peer;
}

export interface EntraPeer extends Peer {
  tenant: string;
  /** Certificates registered on apps, by client id. */
  certificates: Map<string, X509Certificate>;
  /** Federated credentials on apps, by client id. */
  federated: Map<string, { issuer: string; subject: string; audience: string }>;
}

export async function startEntraPeer(tenant = 'contoso-tenant-id'): Promise<EntraPeer> {
  const peer: EntraPeer = {
    origin: '',
    tokenUrl: '',
    tenant,
    certificates: new Map(),
    federated: new Map(),
    requests: [],
    close: async () => undefined,
  };
  const path = `/${tenant}/oauth2/v2.0/token`;
  const aad = (res: ServerResponse, status: number, error: string, why: string) =>
    refuse(res, status, error, `${why}\r\nTrace ID: 0000\r\nCorrelation ID: 0000`);
  const s = await serve(async (req, text, res) => {
    const form = await body(req, text, path);
    if (!form) return send(res, 404, {});
    peer.requests.push(form);
    const clientId = form.get('client_id');
    if (!clientId)
      return aad(
        res,
        400,
        'invalid_request',
        "AADSTS900144: The request body must contain the following parameter: 'client_id'.",
      );
    const grant = form.get('grant_type');
    if (grant === 'urn:ietf:params:oauth:grant-type:jwt-bearer') {
      if (form.get('requested_token_use') !== 'on_behalf_of')
        return aad(
          res,
          400,
          'invalid_request',
          "AADSTS900144: The request body must contain the following parameter: 'requested_token_use'.",
        );
      return aad(res, 400, 'invalid_grant', 'AADSTS50013: Assertion failed signature validation.');
    }
    if (grant !== 'client_credentials')
      return aad(
        res,
        400,
        'unsupported_grant_type',
        'AADSTS70003: The app requested an unsupported grant type.',
      );
    const assertion = form.get('client_assertion') ?? '';
    const { header, claims } = decode(assertion);
    if (!header || !claims)
      return aad(
        res,
        401,
        'invalid_client',
        "AADSTS7000218: The request body must contain the following parameter: 'client_assertion' or 'client_secret'.",
      );
    const fed = peer.federated.get(clientId);
    if (fed && claims.iss === fed.issuer) {
      try {
        const jwks = jose.createRemoteJWKSet(new URL(`${fed.issuer}/.well-known/jwks`));
        await jose.jwtVerify(assertion, jwks, { issuer: fed.issuer, audience: fed.audience });
      } catch (e) {
        return aad(
          res,
          400,
          'invalid_client',
          `AADSTS700212: No matching federated identity record found for presented assertion audience '${String(claims.aud)}'. (${(e as Error).message})`,
        );
      }
      if (claims.sub !== fed.subject)
        return aad(
          res,
          400,
          'invalid_client',
          `AADSTS70021: No matching federated identity record found for presented assertion subject '${String(claims.sub)}'.`,
        );
      return issued(res);
    }
    const cert = peer.certificates.get(clientId);
    if (!cert)
      return aad(
        res,
        401,
        'invalid_client',
        `AADSTS700016: Application with identifier '${clientId}' was not found in the directory.`,
      );
    if (!['RS256', 'PS256'].includes(String(header.alg)))
      return aad(
        res,
        401,
        'invalid_client',
        `AADSTS5002738: Invalid JWT token. '${String(header.alg)}' is not a supported signature algorithm. Supported signing algorithms are: 'RS256,PS256'.`,
      );
    const s256 = createHash('sha256').update(cert.raw).digest('base64url');
    const s1 = createHash('sha1').update(cert.raw).digest('base64url');
    if (header['x5t#S256'] !== s256 && header.x5t !== s1)
      return aad(
        res,
        401,
        'invalid_client',
        `AADSTS700027: The certificate with identifier used to sign the client assertion is not registered on application. [Reason - The key was not found., Thumbprint of key used by client: '${String(header['x5t#S256'] ?? header.x5t ?? '')}']`,
      );
    try {
      await jose.jwtVerify(assertion, cert.publicKey, {
        issuer: clientId,
        subject: clientId,
        audience: peer.tokenUrl,
      });
    } catch (e) {
      return aad(
        res,
        401,
        'invalid_client',
        `AADSTS700027: Client assertion failed signature validation. (${(e as Error).message})`,
      );
    }
    return issued(res);
  });
  peer.origin = s.origin;
  peer.tokenUrl = `${s.origin}${path}`;
  peer.close = s.close;
  return peer;
}

export interface Auth0Peer extends Peer {
  /** The tenant URL with its trailing slash: the audience Auth0 wants. */
  tenantUrl: string;
  /** private_key_jwt credentials by client id: the key and the kid Auth0 generated. */
  credentials: Map<string, { key: KeyObject; kid: string; alg: string }>;
}

export async function startAuth0Peer(): Promise<Auth0Peer> {
  const peer: Auth0Peer = {
    origin: '',
    tokenUrl: '',
    tenantUrl: '',
    credentials: new Map(),
    requests: [],
    close: async () => undefined,
  };
  const s = await serve(async (req, text, res) => {
    const form = await body(req, text, '/oauth/token');
    if (!form) return send(res, 404, {});
    peer.requests.push(form);
    const assertion = form.get('client_assertion') ?? '';
    const { header, claims } = decode(assertion);
    if (!header || !claims) return refuse(res, 401, 'access_denied', 'Unauthorized');
    const cred = peer.credentials.get(String(claims.sub));
    if (!cred) return refuse(res, 401, 'access_denied', 'Unauthorized');
    if (header.kid !== undefined && header.kid !== cred.kid)
      return refuse(
        res,
        401,
        'invalid_client',
        'Invalid client assertion: no credential with this kid',
      );
    if (header.alg !== cred.alg)
      return refuse(
        res,
        401,
        'invalid_client',
        `Invalid client assertion: alg must be ${cred.alg}`,
      );
    try {
      await jose.jwtVerify(assertion, cred.key, {
        issuer: String(claims.sub),
        audience: peer.tenantUrl,
        maxTokenAge: 300,
      });
    } catch (e) {
      return refuse(
        res,
        401,
        'invalid_client',
        `Invalid client assertion: ${(e as Error).message}`,
      );
    }
    return issued(res);
  });
  peer.origin = s.origin;
  peer.tokenUrl = `${s.origin}/oauth/token`;
  peer.tenantUrl = `${s.origin}/`;
  peer.close = s.close;
  return peer;
}

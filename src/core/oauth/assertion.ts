/**
 * Client assertions (RFC 7523): a JWT the client signs with its private key (private_key_jwt),
 * or the CI platform's own OIDC token (federated). Signing uses `jose` (panva), loaded only when
 * a signing method is chosen; key parsing uses node:crypto. Nothing here is hand-written crypto.
 */
import {
  createHash,
  createPrivateKey,
  createPublicKey,
  type KeyObject,
  randomUUID,
  sign,
  verify,
  X509Certificate,
} from 'node:crypto';
import { StepError } from '../errors.js';
import type { AssertionRules } from './providers.js';
import { isoSeconds, t } from '../text.js';

/** The signing algorithms offered: RSA PKCS#1 v1.5, RSA-PSS and ECDSA. */
export const ALGS = [
  'RS256',
  'RS384',
  'RS512',
  'PS256',
  'PS384',
  'PS512',
  'ES256',
  'ES384',
  'ES512',
] as const;
export type Alg = (typeof ALGS)[number];
/** An assertion lives two minutes: RFC 7523 wants it short, and servers cap it (Entra: 10 min). */
export const ASSERTION_LIFETIME_S = 120;

export interface SigningSettings {
  /** PEM (PKCS#8, or PKCS#1/SEC1) or a JWK, as given. */
  key: string;
  /** Empty: from the key (RSA: RS256, EC P-256: ES256, P-384: ES384, P-521: ES512). */
  alg: string;
  /** Empty: the JWK's kid, else (where the server allows a guess) the RFC 7638 thumbprint. */
  kid: string;
  /** PEM certificate of the key (Entra): adds x5t#S256 (and x5t when `x5tSha1`). */
  certificate: string;
}

export interface SignedAssertion {
  jwt: string;
  header: Record<string, unknown>;
  claims: { iss: string; sub: string; aud: string; jti: string; iat: number; exp: number };
}

/** A key parsed once, for every attempt's assertion. */
export interface SigningKey {
  key: KeyObject;
  alg: Alg;
  /** Absent: the header carries none (the server finds the key otherwise). */
  kid?: string;
  x5tS256?: string;
  x5t?: string;
}

/** `subject`: how the source names the input (`Input 'x'`, `OAUTH_CLIENT_ASSERTION_KEY`). */
function keyError(problem: string, subject: string): StepError {
  return new StepError('input', t`${subject} ${problem}`);
}

/** Parse the key (and certificate) and settle the algorithm and key id. */
export async function loadSigningKey(
  s: SigningSettings,
  labels: { key: string; alg: string; certificate: string },
  server: { title: string; rules?: AssertionRules },
): Promise<SigningKey> {
  const rules: AssertionRules = server.rules ?? { kid: 'thumbprint' };
  const jose = await import('jose');
  const text = s.key.trim();
  let key: KeyObject;
  let jwkKid = '';
  let jwkAlg = '';
  try {
    if (text.startsWith('{')) {
      const jwk = JSON.parse(text) as Record<string, string>;
      if (!jwk.d) throw new Error('no private part');
      jwkKid = jwk.kid ?? '';
      jwkAlg = jwk.alg ?? '';
      key = createPrivateKey({ key: jwk, format: 'jwk' });
    } else {
      key = createPrivateKey(text);
    }
  } catch {
    // Never quote the key, nor the parser's message (it may hold parts of it).
    throw keyError(
      'is not a private key this tool can read: give a PEM private key (PKCS#8, "-----BEGIN PRIVATE KEY-----") or a private JWK (with "d")',
      labels.key,
    );
  }
  const type = key.asymmetricKeyType;
  const curve = key.asymmetricKeyDetails?.namedCurve;
  const natural: Alg | undefined =
    type === 'rsa'
      ? 'RS256'
      : type === 'rsa-pss'
        ? 'PS256'
        : type === 'ec'
          ? ({ prime256v1: 'ES256', secp384r1: 'ES384', secp521r1: 'ES512' } as const)[
              curve as 'prime256v1'
            ]
          : undefined;
  if (!natural) {
    throw keyError(
      t`holds a ${type ?? 'unknown'} key${curve ? ` (${curve})` : ''}, which this tool cannot sign with: use an RSA key or an EC key on P-256, P-384 or P-521`,
      labels.key,
    );
  }
  const bits = key.asymmetricKeyDetails?.modulusLength;
  if ((type === 'rsa' || type === 'rsa-pss') && bits !== undefined && bits < 2048) {
    throw keyError(
      t`is a ${bits}-bit RSA key; RS and PS signatures need 2048 bits or more (RFC 7518 s3.3): make a new key, e.g. openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048`,
      labels.key,
    );
  }
  // A JWK whose public members do not belong to its private ones loads, then signs what no
  // server verifies (or fails inside the signer): a signature checked here says so first.
  if (!consistent(key)) {
    throw keyError(
      'is not a consistent key pair (its public part does not verify what its private part signs): export the key again from where it was made',
      labels.key,
    );
  }
  const preferred = type === 'rsa' && rules.rsaDefault ? rules.rsaDefault : natural;
  const alg = (s.alg || jwkAlg || preferred).toUpperCase() as Alg;
  if (!ALGS.includes(alg)) {
    throw keyError(t`has the value '${alg}', which is not one of ${ALGS.join(', ')}`, labels.alg);
  }
  if (rules.algs && !rules.algs.includes(alg)) {
    const rsaOnly = rules.algs.every((a) => !a.startsWith('ES'));
    throw keyError(
      rsaOnly && type === 'ec'
        ? t`holds an EC key, and ${server.title} accepts only RSA keys for private_key_jwt (${rules.algs.join(', ')})`
        : t`signs ${alg}, which ${server.title} does not accept for private_key_jwt (it accepts ${rules.algs.join(', ')})`,
      s.alg ? labels.alg : labels.key,
    );
  }
  const family = alg.slice(0, 2);
  const fits =
    family === 'ES'
      ? type === 'ec' && alg === natural
      : type === 'rsa' || (type === 'rsa-pss' && family === 'PS');
  if (!fits) {
    throw keyError(
      t`is ${alg}, which does not fit the ${type} key given (it signs ${natural})`,
      labels.alg,
    );
  }
  const kid =
    s.kid ||
    jwkKid ||
    (rules.kid === 'thumbprint'
      ? await jose.calculateJwkThumbprint(await jose.exportJWK(key), 'sha256')
      : undefined);
  const out: SigningKey = { key, alg, kid };
  if (s.certificate.trim()) {
    let der: Buffer;
    try {
      der = new X509Certificate(s.certificate.trim()).raw;
    } catch {
      throw keyError(
        'is not a PEM certificate ("-----BEGIN CERTIFICATE-----")',
        labels.certificate,
      );
    }
    out.x5tS256 = createHash('sha256').update(der).digest('base64url');
    if (rules.x5tSha1) out.x5t = createHash('sha1').update(der).digest('base64url');
    const certKey = new X509Certificate(s.certificate.trim()).publicKey;
    if (!certKey.equals(createPublicKey(key))) {
      throw keyError(
        'is not the certificate of the key given: its public key differs, so the server would find the wrong key',
        labels.certificate,
      );
    }
  }
  return out;
}

/** Whether what the key signs verifies with its own public part. */
function consistent(key: KeyObject): boolean {
  try {
    const data = Buffer.from('oauth-token-action key check');
    const sig = sign('sha256', data, key);
    return verify('sha256', data, createPublicKey(key), sig);
  } catch {
    return false;
  }
}

/** A fresh assertion: iss = sub = client id, a new jti, two minutes of life. */
export async function signAssertion(
  k: SigningKey,
  clientId: string,
  audience: string,
  now: number,
): Promise<SignedAssertion> {
  const { SignJWT } = await import('jose');
  const iat = Math.floor(now / 1000);
  const claims = {
    iss: clientId,
    sub: clientId,
    aud: audience,
    jti: randomUUID(),
    iat,
    exp: iat + ASSERTION_LIFETIME_S,
  };
  const header: Record<string, unknown> = { alg: k.alg, typ: 'JWT' };
  if (k.kid) header.kid = k.kid;
  if (k.x5tS256) header['x5t#S256'] = k.x5tS256;
  if (k.x5t) header.x5t = k.x5t;
  const jwt = await new SignJWT({ jti: claims.jti })
    .setProtectedHeader(header as { alg: string })
    .setIssuer(clientId)
    .setSubject(clientId)
    .setAudience(audience)
    .setIssuedAt(iat)
    .setNotBefore(iat)
    .setExpirationTime(claims.exp)
    .sign(k.key);
  return { jwt, header, claims };
}

/** The claims of a JWT we did not sign (the CI token), read without verifying: for messages. */
export function peekClaims(jwt: string): Record<string, unknown> {
  try {
    const part = jwt.split('.')[1] ?? '';
    const v = JSON.parse(Buffer.from(part, 'base64url').toString('utf8')) as unknown;
    return v && typeof v === 'object' ? (v as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/** `iss=…, sub=…, aud=…, exp=…`: the non-secret claims, for an error beside the server's answer. */
export function describeClaims(c: Record<string, unknown>): string {
  const str = (v: unknown) => (Array.isArray(v) ? v.join(' ') : String(v ?? '?'));
  const exp = typeof c.exp === 'number' ? isoSeconds(new Date(c.exp * 1000)) : '?';
  return `iss=${str(c.iss)}, sub=${str(c.sub)}, aud=${str(c.aud)}, exp=${exp}`;
}

/**
 * What the job token tests share (test/platform/job-token*.test.ts): the 5-second tokens that
 * really expire within a test, and a later step's two ways of asking for one (the command on
 * PATH, as a script runs it, and the reader bundle run directly). The tests are three files so
 * that their waits for an expiry run side by side.
 */
import { execFile } from 'node:child_process';
import { delimiter, join } from 'node:path';
import { CLIENTS, type OidcPeer, startOidcPeer } from '../peers/oidc.js';
import { baseEnv, ROOT } from './github.js';

export const TTL = 5;
export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** Until a 5-second token is within its last second, when it is no longer handed out. */
export const untilExpiring = () => sleep((TTL - 0.8) * 1000);

/** oidc-provider issuing TTL-second tokens and rotating refresh tokens. */
export const startShortLivedOidc = () =>
  startOidcPeer({ rotateRefreshToken: true, ttl: { accessToken: TTL, clientCredentials: TTL } });

/** The token requests the peer has answered. */
export const mintsOf = (oidc: OidcPeer) => oidc.requests.filter((r) => r.path === '/token').length;

/** Client credentials from oidc-provider, as the token step's inputs. */
export const CC = {
  'token-url': '',
  'client-id': CLIENTS.basic.id,
  'client-secret': CLIENTS.basic.secret,
  'grant-type': 'client_credentials',
  scope: 'api:read',
};

export interface Read {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** A process to its end, as a step runs it (another user with `uid`). */
export function exec(
  file: string,
  args: string[],
  env: Record<string, string>,
  uid?: number,
): Promise<Read> {
  return new Promise((resolve) => {
    execFile(
      file,
      args,
      { env, timeout: 60_000, ...(uid === undefined ? {} : { uid, gid: uid }) },
      (e, stdout, stderr) =>
        resolve({ code: e ? ((e as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

/** A later step: `oauth-token-job` found on PATH, as a script step runs it. */
export const later = (
  path: string,
  env: Record<string, string> = {},
  args: string[] = [],
  opts: { uid?: number } = {},
) =>
  exec(
    'sh',
    ['-c', `oauth-token-job ${args.join(' ')}`],
    { ...baseEnv(), ...env, PATH: `${path}${delimiter}${process.env.PATH}` },
    opts.uid,
  );

/** The reader bundle run directly, as the command runs it. */
export const reader = (
  env: Record<string, string>,
  opts: { uid?: number; bundle?: string; args?: string[] } = {},
) =>
  exec(
    process.execPath,
    [join(ROOT, opts.bundle ?? 'dist/job-token/index.js'), ...(opts.args ?? [])],
    { ...baseEnv(), ...env },
    opts.uid,
  );

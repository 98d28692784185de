/**
 * A throwaway CA and a certificate for the test host name `oauth.test`, made with openssl, so
 * that https and proxies can be exercised on 127.0.0.1 (the proxy routes oauth.test to it).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface TestCerts {
  caFile: string;
  key: string;
  cert: string;
}

/**
 * The CA and certificate for `host`: made once per test run and shared by the suites that ask
 * (in the run's scratch folder, OAUTH_TEST_RUN_DIR, set by test/global-setup.mjs), since each
 * RSA key costs openssl a third of a second. Made whole in a folder of its own, then renamed
 * into place: a suite that loses the race uses the winner's.
 */
export function makeCerts(host = 'oauth.test'): TestCerts {
  const shared = process.env.OAUTH_TEST_RUN_DIR;
  if (!shared) return createCerts(mkdtempSync(join(tmpdir(), 'certs-')), host);
  const final = join(shared, `certs-${host}`);
  if (!existsSync(join(final, 'leaf.pem'))) {
    const dir = mkdtempSync(join(shared, `.certs-${host}-`));
    createCerts(dir, host);
    try {
      renameSync(dir, final);
    } catch {
      /* another suite put its own there first: use that one */
    }
  }
  return {
    caFile: join(final, 'ca.pem'),
    key: readFileSync(join(final, 'leaf.key'), 'utf8'),
    cert: readFileSync(join(final, 'leaf.pem'), 'utf8'),
  };
}

function createCerts(dir: string, host: string): TestCerts {
  const f = (n: string) => join(dir, n);
  const ssl = (...args: string[]) => execFileSync('openssl', args, { stdio: 'ignore' });
  ssl(
    'req',
    '-x509',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-keyout',
    f('ca.key'),
    '-out',
    f('ca.pem'),
    '-days',
    '2',
    '-subj',
    '/CN=oauth-token-action test CA',
  );
  ssl(
    'req',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-keyout',
    f('leaf.key'),
    '-out',
    f('leaf.csr'),
    '-subj',
    `/CN=${host}`,
  );
  writeFileSync(f('ext.cnf'), `subjectAltName=DNS:${host},IP:127.0.0.1\n`);
  ssl(
    'x509',
    '-req',
    '-in',
    f('leaf.csr'),
    '-CA',
    f('ca.pem'),
    '-CAkey',
    f('ca.key'),
    '-CAcreateserial',
    '-out',
    f('leaf.pem'),
    '-days',
    '2',
    '-extfile',
    f('ext.cnf'),
  );
  return {
    caFile: f('ca.pem'),
    key: readFileSync(f('leaf.key'), 'utf8'),
    cert: readFileSync(f('leaf.pem'), 'utf8'),
  };
}

/** A self-signed certificate (PEM) for an existing private key (PEM), as an app uploads to Entra. */
export function selfSignedCertificate(keyPem: string, cn = 'oauth-token-action test app'): string {
  const dir = mkdtempSync(join(tmpdir(), 'cert-'));
  writeFileSync(join(dir, 'key.pem'), keyPem, { mode: 0o600 });
  return execFileSync(
    'openssl',
    ['req', '-x509', '-new', '-key', join(dir, 'key.pem'), '-subj', `/CN=${cn}`, '-days', '2'],
    { stdio: ['ignore', 'pipe', 'ignore'] },
  ).toString();
}

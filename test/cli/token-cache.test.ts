/**
 * People round 2, finding 4: every command minted, so ten commands by hand could exhaust Zoho's
 * limit (about 10 tokens per refresh token per 10 minutes) and block the team's CI. The command
 * line keeps each token it mints and reuses it while it lasts, bound to its settings and
 * secrets, in a folder only the user may read. Against the Site24x7 peer; a token kept by one
 * command is reused by built bundles run after it, as separate processes.
 */
import {
  chmodSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bundleCli, cli } from '../helpers/cli.js';
import { type Site24x7Peer, startSite24x7 } from '../peers/site24x7.js';

let peer: Site24x7Peer;
let root: string;
let dir: string;
beforeEach(async () => {
  peer = await startSite24x7();
  root = mkdtempSync(join(tmpdir(), 'cache-test-'));
  dir = join(root, 'cache');
});
afterEach(async () => {
  await peer.close();
  rmSync(root, { recursive: true, force: true });
});

const env = (more: Record<string, string> = {}) => ({
  OAUTH_CLIENT_SECRET: peer.client.secret,
  OAUTH_REFRESH_TOKEN: peer.client.refreshToken,
  OAUTH_TOKEN_CACHE_DIR: dir,
  ...more,
});
const zoho = () => ['--token-url', peer.tokenUrl, '--client-id', peer.client.id];
const token = (more: string[] = [], e = env()) =>
  cli(['token', '--provider', 'site24x7', ...zoho(), '--token-only', ...more], e);
const files = () => readdirSync(dir).filter((f) => f.endsWith('.json'));
const posix = process.platform !== 'win32';

test('ten commands in a row mint one token; the kept one is private and holds no stored secret', async () => {
  const first = await token();
  expect(first.code).toBe(0);
  for (let i = 0; i < 4; i++) {
    const again = await token();
    expect(again.stdout).toBe(first.stdout);
    expect(again.stderr).toMatch(
      /Reusing the access token minted at .*: nothing was sent to 127\.0\.0\.1/,
    );
  }
  for (const what of ['monitors', 'groups', 'tags']) {
    const r = await bundleCli(['site24x7', what, '--api-url', peer.apiUrl, ...zoho()], env());
    expect({ what, code: r.code }).toEqual({ what, code: 0 });
    expect(r.stderr).toContain('using a kept access token');
  }
  const check = await bundleCli(
    [
      'site24x7',
      'maintenance',
      'check',
      '--api-url',
      peer.apiUrl,
      ...zoho(),
      '--monitors',
      'shop-web',
    ],
    env(),
  );
  expect(check.code).toBe(0);
  expect(peer.minted).toHaveLength(1);

  expect(files()).toHaveLength(1);
  const kept = readFileSync(join(dir, files()[0]!), 'utf8');
  expect(kept).toContain(first.stdout.trim());
  expect(kept).not.toContain(peer.client.secret);
  expect(kept).not.toContain(peer.client.refreshToken);
  if (posix) {
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    expect(statSync(join(dir, files()[0]!)).mode & 0o777).toBe(0o600);
  }
});

test('bound to its settings and secrets: another scope or refresh token mints anew', async () => {
  await token();
  await token(['--scope', 'Site24x7.Admin.Read']);
  expect(peer.minted).toHaveLength(2);
  await token([], env({ OAUTH_REFRESH_TOKEN: `${peer.client.refreshToken}-other` }));
  // The peer refuses the other refresh token; nothing kept was handed out for it.
  expect(peer.minted).toHaveLength(2);
  expect(files()).toHaveLength(2);
});

test('--no-cache mints and keeps nothing; cache clear forgets; doctor always mints', async () => {
  const once = await token(['--no-cache']);
  expect(once.code).toBe(0);
  expect(existsSync(dir)).toBe(false);
  await token();
  const cleared = await cli(['cache', 'clear', '--json'], { OAUTH_TOKEN_CACHE_DIR: dir });
  expect(JSON.parse(cleared.stdout)).toMatchObject({ ok: true, cleared: 1, directory: dir });
  await token();
  expect(peer.minted).toHaveLength(3);
  const doctor = await cli(
    ['doctor', '--provider', 'site24x7', ...zoho(), '--api-url', peer.apiUrl],
    env(),
  );
  expect(doctor.code).toBe(0);
  expect(peer.minted).toHaveLength(4);
});

test('a token near its end, or one the API refuses, is replaced', async () => {
  await token();
  const path = join(dir, files()[0]!);
  const kept = JSON.parse(readFileSync(path, 'utf8')) as { expiresAt: number };
  // An hour's token with four minutes left: less than the five a command may need.
  const expiresAt = Date.now() + 4 * 60_000;
  writeFileSync(path, JSON.stringify({ ...kept, expiresAt, mintedAt: expiresAt - 3_600_000 }), {
    mode: 0o600,
  });
  await token();
  expect(peer.minted).toHaveLength(2);

  // Revoked at the server: Site24x7 answers 401, one token is minted, and it is kept.
  peer.tokens.delete(peer.minted[1]!);
  const r = await cli(['site24x7', 'monitors', '--api-url', peer.apiUrl, ...zoho()], env());
  expect(r.code).toBe(0);
  expect(peer.minted).toHaveLength(3);
  expect(readFileSync(path, 'utf8')).toContain(peer.minted[2]!);
});

(posix ? test : test.skip)('a cache others may read is never used', async () => {
  await token();
  const path = join(dir, files()[0]!);
  chmodSync(path, 0o644);
  await token();
  expect(peer.minted).toHaveLength(2);
  expect(statSync(path).mode & 0o777).toBe(0o600); // the new one, private again
  chmodSync(dir, 0o755);
  const open = await token();
  expect(open.stderr).toContain(
    `warning: The token cache ${dir} may be read by others (mode 755): it is not used.`,
  );
  expect(peer.minted).toHaveLength(3);
});

test('a cache file that is not a kept token is ignored', async () => {
  await token();
  const path = join(dir, files()[0]!);
  writeFileSync(path, '{"accessToken":"x\\n::set-output name=a::b","tokenType":"Bearer"}', {
    mode: 0o600,
  });
  const r = await token();
  expect(r.code).toBe(0);
  expect(peer.minted).toHaveLength(2);
});

test("the peer imitates Zoho's limit, and the cache keeps a person under it", async () => {
  // Without the cache, the eleventh token in ten minutes is refused, as Zoho refuses it.
  for (let i = 0; i < 10; i++) expect((await token(['--no-cache'])).code).toBe(0);
  const refused = await token(['--no-cache']);
  expect(refused.code).toBe(1);
  expect(refused.stderr).toContain('The accounts server refused to issue a token for now');
  expect(peer.minted).toHaveLength(10);
  // With it, a person's commands after the first mint nothing.
  peer.throttle = false;
  await token();
  peer.throttle = { limit: 1, windowMs: 10 * 60_000 };
  for (let i = 0; i < 5; i++) expect((await token()).code).toBe(0);
  expect(peer.minted).toHaveLength(11);
});

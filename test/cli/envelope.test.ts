/**
 * `oauth-token envelope open`: claims shown, the token only when asked, refusals (the share key
 * from standard input on the built bundle).
 */
import { sealEnvelope } from '../../src/core/envelope/sealing.js';
import { bundleCli, cli } from '../helpers/cli.js';

const KEY = 'cli-share-key-0123456789-abcdefghijklmnop';
const TOKEN = '1000.cli-envelope-token.0123456789abcdef';
const { envelope } = sealEnvelope(
  {
    accessToken: TOKEN,
    authorization: `Bearer ${TOKEN}`,
    tokenType: 'Bearer',
    expiresIn: 3600,
    expiresAt: new Date(Date.now() + 3600_000),
    scope: 'read write',
    apiDomain: '',
  },
  KEY,
  { scope: 'github.com/acme/shop', run: '4242' },
  Date.now(),
);

describe('oauth-token envelope open', () => {
  test('shows the claims and masks the token', async () => {
    const r = await cli(['envelope', 'open', '--envelope', envelope], { OAUTH_SHARE_KEY: KEY });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('sealed for:  github.com/acme/shop run 4242 (format 1)');
    expect(r.stdout).toContain('scope:       read write');
    expect(r.stdout).toContain('token:       ***  (--show-token to print it)');
    expect(r.stdout + r.stderr).not.toContain(TOKEN);
    expect(r.stdout + r.stderr).not.toContain(KEY);
  });

  test('--json round-trips; --show-token adds the token', async () => {
    const r = await cli(['envelope', 'open', '--json', '--show-token'], {
      OAUTH_SHARE_KEY: KEY,
      OAUTH_ENVELOPE: envelope,
    });
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout) as Record<string, unknown>;
    expect(doc).toMatchObject({
      format: 1,
      sealed_for: 'github.com/acme/shop run 4242',
      token_type: 'Bearer',
      expires_in: 3600,
      access_token: TOKEN,
    });
  });

  test('the share key comes from stdin, never from an argument', async () => {
    const viaStdin = await bundleCli(
      ['envelope', 'open', '--stdin', '--envelope', envelope],
      {},
      `share-key=${KEY}\n`,
    );
    expect(viaStdin.code).toBe(0);
    const asArg = await bundleCli(['envelope', 'open', '--envelope', envelope, '--share-key', KEY]);
    expect(asArg.code).toBe(2);
    expect(asArg.stderr).toContain('Do not pass --share-key as an argument');
    expect(asArg.stderr).not.toContain(KEY);
  });

  test.each([
    [
      ['--run-id', '9'],
      {},
      /sealed for github\.com\/acme\/shop run 4242, and this job is github\.com\/acme\/shop run 9/,
    ],
    [[], { OAUTH_SHARE_KEY: `${KEY}x` }, /the share key differs/],
    [[], { OAUTH_SHARE_KEY: '' }, /OAUTH_SHARE_KEY \(share-key= with --stdin\) is required/],
  ])('refuses %j %j', async (args, env, why) => {
    const r = await cli(['envelope', 'open', '--envelope', envelope, ...args], {
      OAUTH_SHARE_KEY: KEY,
      ...env,
    });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(why);
    expect(r.stdout + r.stderr).not.toContain(TOKEN);
  });

  test('a misspelt option is refused with the nearest one', async () => {
    const r = await cli(['envelope', 'open', '--envelop', envelope], { OAUTH_SHARE_KEY: KEY });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('did you mean --envelope?');
  });
});

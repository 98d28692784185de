/**
 * Security round 3, finding 3, on the built bundles: an expires_in too large to be a date
 * crashed the step after the refresh token was rotated, losing its successor. Now an
 * implausible lifetime is treated as absent with a warning, and a refused answer that carried a
 * new refresh token still sets the masked refresh-token output (GitHub, Azure DevOps, and the
 * command line, which prints it).
 */
import { runAzure } from '../helpers/azure.js';
import { cli } from '../helpers/cli.js';
import { runGithub } from '../helpers/github.js';
import { sequence, type Stub, startStub } from '../peers/stub.js';
import { attack } from '../helpers/record.js';

const NEW = 'rotated-refresh-0123456789';
const closers: Stub[] = [];
afterEach(async () => {
  await Promise.all(closers.splice(0).map((c) => c.close()));
});
async function server(answer: Record<string, unknown>): Promise<Stub> {
  const s = await startStub(sequence({ json: { access_token: 'access-0123456789', ...answer } }));
  closers.push(s);
  return s;
}
const creds = (s: Stub) => ({
  tokenUrl: s.url('/token'),
  clientId: 'client',
  clientSecret: 'secret-0123456789',
  refreshToken: 'old-refresh-0123456789',
});
const kebab = (o: Record<string, string>) =>
  Object.fromEntries(
    Object.entries(o).map(([k, v]) => [k.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`), v]),
  );

/** The same run on both platforms: ok, outputs, warnings, the failure message. */
async function run(platform: 'github' | 'azure', s: Stub) {
  if (platform === 'github') {
    const r = await runGithub('dist/main/index.js', kebab(creds(s)), { action: 'action.yml' });
    return {
      ok: r.code === 0,
      outputs: r.outputs,
      warnings: r.commands.filter((c) => c.command === 'warning').map((c) => c.value),
      error: r.commands.find((c) => c.command === 'error')?.value ?? '',
      masked: r.commands.filter((c) => c.command === 'add-mask').map((c) => c.value),
    };
  }
  const r = await runAzure('OAuthTokenV1', 'main', creds(s));
  return {
    ok: r.result === undefined,
    outputs: Object.fromEntries(
      Object.entries(r.outputs).map(([k, v]) => [
        k.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`),
        v.value,
      ]),
    ),
    warnings: r.commands
      .filter((c) => c.area === 'task.issue' && c.props.type === 'warning')
      .map((c) => c.value),
    error: r.result?.message ?? '',
    masked: r.secretsRegistered,
  };
}

describe.each(['github', 'azure'] as const)('%s', (platform) => {
  test('an expires_in past any date is treated as absent, with a warning; the rotated token is kept', async () => {
    const s = await server({ token_type: 'Bearer', expires_in: 9e12, refresh_token: NEW });
    const r = await run(platform, s);
    expect(r.ok).toBe(true);
    expect(r.outputs['expires-in']).toBe('');
    expect(r.outputs['expires-at']).toBe('');
    expect(r.outputs['refresh-token']).toBe(NEW);
    expect(r.warnings.join('\n')).toContain('more than ten years: that cannot be right');
    attack('rotation', 'an expires_in past any date after a rotation', platform);
  });

  test('an answer refused for another field still sets the masked refresh-token output, and says so', async () => {
    const s = await server({ token_type: 'Bearer\r\n##vso[task.complete]', refresh_token: NEW });
    const r = await run(platform, s);
    expect(r.ok).toBe(false);
    expect(r.error).toMatch(/malformed token_type/);
    expect(r.error).toContain('The server had already issued a new refresh token');
    expect(r.outputs['refresh-token']).toBe(NEW);
    expect(r.masked).toContain(NEW);
    expect(r.outputs['access-token']).toBeUndefined();
    attack('rotation', 'a runner command in token_type beside a new refresh token', platform);
  });
});

describe('command line', () => {
  const env = (s: Stub) => ({
    OAUTH_TOKEN_URL: s.url('/token'),
    OAUTH_CLIENT_ID: 'client',
    OAUTH_CLIENT_SECRET: 'secret-0123456789',
    OAUTH_REFRESH_TOKEN: 'old-refresh-0123456789',
  });
  test('token without --show-token prints a rotated refresh token rather than dropping it', async () => {
    const s = await server({ token_type: 'Bearer', expires_in: 3600, refresh_token: NEW });
    const r = await cli(['token'], env(s));
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`refresh_token=${NEW}`);
    expect(r.stderr).toContain('the server rotated the refresh token');
    expect(r.stderr).not.toContain(NEW);
  });
  test('the doctor keeps it too, and token --json --show-token prints it once, in the JSON', async () => {
    const s = await server({ token_type: 'Bearer', expires_in: 3600, refresh_token: NEW });
    const d = await cli(['doctor'], env(s));
    expect(d.stdout).toContain(`refresh_token=${NEW}`);
    const j = await cli(['token', '--json', '--show-token'], env(s));
    expect((JSON.parse(j.stdout) as { refresh_token: string }).refresh_token).toBe(NEW);
    expect(j.stdout.split(NEW)).toHaveLength(2);
  });
  test('a refused answer with a new refresh token: exit 1, and the token still printed', async () => {
    const s = await server({ token_type: 'Bear er\n', refresh_token: NEW });
    const r = await cli(['token'], env(s));
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(`refresh_token=${NEW}`);
    expect(r.stderr).toContain('The server had already issued a new refresh token');
  });
});

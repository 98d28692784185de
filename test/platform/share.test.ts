/**
 * One mint per run (issue 16): the built bundles, spawned as the runners spawn them. One producer
 * seals the token; consumers open it without sending anything. Against a Zoho peer that allows
 * 10 tokens per window, a 20-job matrix mints once instead of throttling itself. The refusals
 * (tampered envelopes, unproven run ids, weak share keys) run the GitHub entry in process
 * (runGithubInProcess: the same adapter, output and file commands), one row of each table as
 * the bundle.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sealEnvelope } from '../../src/core/envelope/sealing.js';
import { runAzure } from '../helpers/azure.js';
import { type GithubRun, runGithub } from '../helpers/github.js';
import { runGithubInProcess } from '../helpers/inprocess.js';
import { findLeaks, isAddMask } from '../helpers/leaks.js';
import { type Handler, type Stub, startStub, zoho } from '../peers/stub.js';
import { attack } from '../helpers/record.js';

const MAIN = 'dist/main/index.js';

/** A workflow_run event payload, as the runner writes it, naming a run of a repository. */
function workflowRun(id: number, repository: string): Record<string, string> {
  const file = join(mkdtempSync(join(tmpdir(), 'event-')), 'event.json');
  writeFileSync(
    file,
    JSON.stringify({
      action: 'completed',
      workflow_run: { id, repository: { full_name: repository } },
    }),
  );
  return { GITHUB_EVENT_NAME: 'workflow_run', GITHUB_EVENT_PATH: file };
}
const SHARE_KEY = 'mQ9v+2rT8wLx4ZpK7sJd1Nf6Hc3Gb5Ye0Ua8Ri2Oe4I=';
const REFRESH = '1000.stored-refresh-token.abcdef0123456789';
const CLIENT_SECRET = 'client-secret-0123456789abcdef';
const TOKEN = '1000.shared-access-token.0123456789abcdef';

/** Zoho's accounts server as it throttles: 10 tokens per window, then HTTP-200 Access Denied. */
const zohoWindow =
  (limit = 10): Handler =>
  (_req, n) =>
    n < limit ? zoho.ok(n === 0 ? TOKEN : `${TOKEN}.${n}`) : zoho.throttle();

const stubs: Stub[] = [];
afterEach(async () => {
  await Promise.all(stubs.splice(0).map((s) => s.close()));
});
async function peer(handler: Handler = zohoWindow()) {
  const s = await startStub(handler);
  stubs.push(s);
  return s;
}

const credentials = (s: Stub) => ({
  provider: 'zoho',
  region: 'eu',
  'token-url': s.url('/oauth/v2/token'),
  'client-id': '1000.CLIENTID',
  'client-secret': CLIENT_SECRET,
  'refresh-token': REFRESH,
  'max-retry-seconds': '0',
});

const OUTPUTS = [
  'access-token',
  'authorization',
  'token-type',
  'expires-in',
  'expires-at',
  'scope',
  'api-domain',
  'token-envelope',
];

function expectClean(run: GithubRun, extra: Record<string, string> = {}) {
  const leaks = findLeaks({ shareKey: SHARE_KEY, refresh: REFRESH, ...extra }, [
    { name: 'stdout', text: run.stdout, allowLine: isAddMask },
    { name: 'stderr', text: run.stderr },
    { name: 'GITHUB_OUTPUT', text: run.files.output ?? '' },
    { name: 'GITHUB_ENV', text: run.files.env ?? '' },
  ]);
  expect(leaks).toEqual([]);
}

/** Run `jobs` with at most `width` at once, as a runner pool would. */
async function pool<T>(jobs: Array<() => Promise<T>>, width: number): Promise<T[]> {
  const out: T[] = new Array(jobs.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < jobs.length) {
        const i = next++;
        out[i] = await jobs[i]!();
      }
    }),
  );
  return out;
}

/**
 * The producer job: a mint that seals an envelope. In process (the same adapter and entry,
 * test/helpers/inprocess.ts) except where a test says `spawned`.
 */
async function produce(s: Stub, more: Record<string, string> = {}, spawned = false) {
  const run = await (spawned ? runGithub : runGithubInProcess)(MAIN, {
    ...credentials(s),
    'share-key': SHARE_KEY,
    ...more,
  });
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  return run;
}

describe('GitHub: one mint per run', () => {
  test('a 20-job matrix: 1 token request, 20 consumers with the producer outputs, no leak', async () => {
    const s = await peer();
    const producer = await produce(s, {}, true);
    const envelope = producer.outputs['token-envelope']!;
    expect(envelope).toMatch(/^[A-Za-z0-9_-]{100,}$/);
    // Not masked: the runner would drop a job output that holds a registered secret.
    expect(producer.stdout).not.toContain(`::add-mask::${envelope}`);
    expect(producer.stdout).toContain(
      'Sealed the token for the other jobs of github.com/acme/shop run 4242',
    );
    expectClean(producer);

    const consumers = await pool(
      Array.from(
        { length: 20 },
        () => () =>
          runGithub(MAIN, { envelope, 'share-key': SHARE_KEY, 'export-env': 'ZOHO_TOKEN' }),
      ),
      5,
    );
    expect(s.requests).toHaveLength(1);
    for (const c of consumers) {
      expect(c.code).toBe(0);
      expect(c.stdout).toContain(
        'Opened the token envelope sealed for github.com/acme/shop run 4242: no request was sent.',
      );
      for (const k of OUTPUTS) expect([k, c.outputs[k]]).toEqual([k, producer.outputs[k]]);
      expect(c.env.ZOHO_TOKEN).toBe(TOKEN);
      // The token is registered before anything else is written.
      expect(c.stdout.split('\n')[0]).toBe(`::add-mask::${SHARE_KEY}`);
      const firstToken = c.stdout.split('\n').findIndex((l) => l.includes(TOKEN));
      expect(c.stdout.split('\n')[firstToken]).toBe(`::add-mask::${TOKEN}`);
      expectClean(c);
    }
  }, 60_000);

  test('the same matrix unshared: the peer throttles after 10 tokens', async () => {
    const s = await peer();
    const runs = await pool(
      Array.from({ length: 12 }, () => () => runGithub(MAIN, credentials(s))),
      4,
    );
    expect(s.requests).toHaveLength(12);
    expect(runs.filter((r) => r.code === 0)).toHaveLength(10);
    expect(runs.filter((r) => r.code === 1)).toHaveLength(2);
  }, 60_000);

  const tampered: Array<[string, (envelope: string) => string, Record<string, string>, RegExp]> = [
    [
      'a flipped bit',
      (e) => {
        const raw = Buffer.from(e, 'base64url');
        raw[raw.length - 20]! ^= 4;
        return raw.toString('base64url');
      },
      {},
      /did not open: the share key differs from the producer's, or the envelope was changed/,
    ],
    [
      'another repository',
      (e) => e,
      { GITHUB_REPOSITORY: 'acme/other' },
      /sealed for github\.com\/acme\/shop run 4242, and this job is github\.com\/acme\/other run 4242/,
    ],
    [
      'another run',
      (e) => e,
      { GITHUB_RUN_ID: '4243' },
      /and this job is github\.com\/acme\/shop run 4243/,
    ],
    [
      'a future format',
      (e) => {
        const raw = Buffer.from(e, 'base64url');
        raw[0] = 9;
        return raw.toString('base64url');
      },
      {},
      /has format 9, and this version of the step reads format 1/,
    ],
  ];

  test.each(tampered)(
    'refuses %s: no request, nothing secret in the log',
    async (_w, change, env, why) => {
      const s = await peer();
      const producer = await produce(s);
      const envelope = change(producer.outputs['token-envelope']!);
      // Credentials are given too (pointing at the peer): without the opt-in, nothing is minted.
      // One row as the bundle, the rest in process (test/helpers/inprocess.ts).
      const run = await (_w === 'a flipped bit' ? runGithub : runGithubInProcess)(
        MAIN,
        { ...credentials(s), envelope, 'share-key': SHARE_KEY },
        { env },
      );
      expect(run.code).toBe(1);
      expect(run.stdout).toMatch(why);
      expect(s.requests).toHaveLength(1);
      expect(run.outputs['access-token']).toBeUndefined();
      expectClean(run, { token: TOKEN, clientSecret: CLIENT_SECRET });
    },
    30_000,
  );

  test('refuses a wrong key and an expired token, quoting nothing secret', async () => {
    const s = await peer();
    const wrongKey = await runGithubInProcess(MAIN, {
      envelope: (await produce(s)).outputs['token-envelope']!,
      'share-key': 'Mkth6cUwaotshchoCvyf63lPxTxKwjhXC92DmO/dX5Q=',
    });
    expect(wrongKey.code).toBe(1);
    expect(wrongKey.stdout).toContain('the share key differs');
    expectClean(wrongKey, { token: TOKEN });

    const { envelope } = sealEnvelope(
      {
        accessToken: TOKEN,
        authorization: `Zoho-oauthtoken ${TOKEN}`,
        tokenType: 'Bearer',
        expiresIn: 3600,
        expiresAt: new Date(Date.now() - 1000),
        scope: '',
        apiDomain: '',
      },
      SHARE_KEY,
      { scope: 'github.com/acme/shop', run: '4242' },
      Date.now(),
    );
    const expired = await runGithubInProcess(MAIN, { envelope, 'share-key': SHARE_KEY });
    expect(expired.code).toBe(1);
    expect(expired.stdout).toMatch(/The envelope's token expired at \d{4}-/);
    expectClean(expired, { token: TOKEN });

    // Too little life left for the consumer's minimum.
    const short = await runGithubInProcess(MAIN, {
      envelope: (await produce(s)).outputs['token-envelope']!,
      'share-key': SHARE_KEY,
      'min-remaining-seconds': '7200',
    });
    expect(short.code).toBe(1);
    expect(short.stdout).toMatch(/less than the 7200 s this step requires/);
    expect(s.requests).toHaveLength(2);
  }, 30_000);

  test('mint-if-envelope-fails: mints with the credentials and says why', async () => {
    const s = await peer();
    const envelope = (await produce(s)).outputs['token-envelope']!;
    const run = await runGithubInProcess(
      MAIN,
      { ...credentials(s), envelope, 'share-key': SHARE_KEY, 'mint-if-envelope-fails': 'true' },
      { env: { GITHUB_RUN_ID: '999' } },
    );
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(
      /::warning::The envelope was sealed for github\.com\/acme\/shop run 4242, and this job is github\.com\/acme\/shop run 999\..*Minting a token instead, as mint-if-envelope-fails is true\./,
    );
    expect(s.requests).toHaveLength(2);
    expect(run.outputs['access-token']).toBe(`${TOKEN}.1`);
    expectClean(run, { clientSecret: CLIENT_SECRET });
  }, 30_000);

  test('envelope-run-id opens an envelope of another run (workflow_run)', async () => {
    const s = await peer();
    const envelope = (await produce(s)).outputs['token-envelope']!;
    const run = await runGithubInProcess(
      MAIN,
      { envelope, 'share-key': SHARE_KEY, 'envelope-run-id': '4242' },
      { env: { GITHUB_RUN_ID: '5000', ...workflowRun(4242, 'acme/shop') } },
    );
    expect(run.code).toBe(0);
    expect(run.outputs['access-token']).toBe(TOKEN);
  }, 30_000);

  // Security round 3, finding 5: any workflow of the repository holds the share key, so a run
  // id it merely names must not open another run's envelope.
  test.each([
    ['no workflow_run event', {}, /nothing proves this run was triggered by that run/],
    [
      'a workflow_run of another run',
      workflowRun(4243, 'acme/shop'),
      /is 4242, but this run was triggered by run 4243 \(the workflow_run event/,
    ],
    [
      'a workflow_run of another repository',
      workflowRun(4242, 'evil/fork'),
      /nothing proves this run was triggered by that run/,
    ],
  ])(
    'envelope-run-id without proof (%s) is refused before anything is opened',
    async (how, env, why) => {
      const s = await peer();
      const envelope = (await produce(s)).outputs['token-envelope']!;
      const run = await (how === 'no workflow_run event' ? runGithub : runGithubInProcess)(
        MAIN,
        { envelope, 'share-key': SHARE_KEY, 'envelope-run-id': '4242' },
        { env: { GITHUB_RUN_ID: '5000', ...env } },
      );
      expect(run.code).toBe(1);
      expect(run.stdout).toMatch(/Input 'envelope-run-id' is 4242/);
      expect(run.stdout).toMatch(why);
      // The fix in GitHub's words (the adapter's triggerHint).
      expect(run.stdout).toContain(
        'on: workflow_run), with envelope-run-id set to ${{ github.event.workflow_run.id }}',
      );
      expect(run.outputs['access-token']).toBeUndefined();
      attack('envelopes', `envelope-run-id without proof (${how})`, 'github');
    },
    30_000,
  );

  test.each([
    [
      { revoke: 'true', 'revoke-url': 'http://127.0.0.1:9/revoke' },
      /Input 'revoke' is true together with share-key/,
    ],
    [
      { 'share-key': 'too-short' },
      /Input 'share-key' decodes to 6 bytes, fewer than the 32 random bytes.*openssl rand -base64 32/,
    ],
    // Security round 3, finding 4: length alone let these through.
    [{ 'share-key': 'a'.repeat(44) }, /Input 'share-key' decodes to 22 bytes/],
    [{ 'share-key': 'a'.repeat(64) }, /Input 'share-key' does not look random/],
    [{ 'share-key': 'Q'.repeat(44) }, /Input 'share-key' does not look random/],
    [{ 'share-key': 'correct horse battery staple ok!' }, /is not base64, base64url or hex/],
    [{ 'share-key': '🔑'.repeat(16) }, /is not base64, base64url or hex/],
    [
      { 'share-key': Buffer.from('a long and memorable passphrase, base64').toString('base64') },
      /does not look random \(a repeated pattern, or an encoded word or phrase\)/,
    ],
    [{ 'share-key': 'ab'.repeat(32) }, /does not look random/],
    [{ 'share-key': 'Zm9v'.repeat(8) }, /decodes to 24 bytes, fewer than the 32 random bytes/],
  ])(
    'refuses %j before sending anything',
    async (more, why) => {
      const s = await peer();
      const run = await ('revoke' in more ? runGithub : runGithubInProcess)(MAIN, {
        ...credentials(s),
        provider: 'generic',
        region: '',
        'grant-type': 'client_credentials',
        'refresh-token': '',
        'share-key': SHARE_KEY,
        ...more,
      });
      expect(run.code).toBe(1);
      expect(run.stdout).toMatch(why);
      expect(s.requests).toHaveLength(0);
      if ('share-key' in more)
        attack(
          'envelopes',
          `a weak share key: ${JSON.stringify(more['share-key']).slice(0, 30)}`,
          'github',
        );
    },
    30_000,
  );

  test('an envelope without share-key is refused by name', async () => {
    const run = await runGithubInProcess(MAIN, { envelope: 'AQ' });
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/Input 'share-key' is required to open envelope/);
  });
});

/** The agent's variables for a run triggered by a pipeline resource's run. */
function pipelineTrigger(runId: string): Record<string, string> {
  return {
    RESOURCES_TRIGGERINGCATEGORY: 'pipeline',
    RESOURCES_TRIGGERINGALIAS: 'producer',
    RESOURCES_PIPELINE_PRODUCER_RUNID: runId,
  };
}

describe('Azure DevOps: envelopes for another pipeline or a release', () => {
  test('a producer build seals; a consumer in another pipeline opens it by build id', async () => {
    const s = await peer();
    const producer = await runAzure('OAuthTokenV1', 'main', {
      provider: 'zoho',
      region: 'eu',
      tokenUrl: s.url('/oauth/v2/token'),
      clientId: '1000.CLIENTID',
      clientSecret: CLIENT_SECRET,
      refreshToken: REFRESH,
      shareKey: SHARE_KEY,
    });
    expect(producer.code).toBe(0);
    const envelope = producer.outputs.tokenEnvelope!;
    expect(envelope.secret).toBe(false);
    expect(producer.outputs.accessToken).toEqual({ value: TOKEN, secret: true });

    const consumer = await runAzure(
      'OAuthTokenV1',
      'main',
      { envelope: envelope.value, shareKey: SHARE_KEY, envelopeRunId: '981' },
      { variables: { BUILD_BUILDID: '1207', ...pipelineTrigger('981') } },
    );
    expect(consumer.code).toBe(0);
    expect(consumer.outputs.accessToken).toEqual({ value: TOKEN, secret: true });
    expect(consumer.outputs.expiresAt).toEqual(producer.outputs.expiresAt);
    expect(consumer.secretsRegistered).toContain(TOKEN);
    expect(s.requests).toHaveLength(1);

    // A build id that no pipeline resource trigger proves is refused (finding 5).
    const unproven = await runAzure(
      'OAuthTokenV1',
      'main',
      { envelope: envelope.value, shareKey: SHARE_KEY, envelopeRunId: '981' },
      { variables: { BUILD_BUILDID: '1207', ...pipelineTrigger('980') } },
    );
    expect(unproven.result?.message).toMatch(
      /^Input 'envelopeRunId' is 981, but this run was triggered by run 980 \(the pipeline resource 'producer'/,
    );
    // The fix in Azure Pipelines' words (the adapter's triggerHint).
    expect(unproven.result?.message).toContain(
      'with envelopeRunId set to $(resources.pipeline.<alias>.runID)',
    );
    expect(unproven.outputs.accessToken).toBeUndefined();
    attack('envelopes', 'envelopeRunId without proof', 'azure');

    // Without the producing build id, the consumer's own build does not match.
    const foreign = await runAzure(
      'OAuthTokenV1',
      'main',
      { envelope: envelope.value, shareKey: SHARE_KEY },
      { variables: { BUILD_BUILDID: '1207' } },
    );
    expect(foreign.result?.result).toBe('Failed');
    expect(foreign.result?.message).toMatch(
      /sealed for azure:6f1c2a53-.* run 981, and this job is azure:.* run 1207/,
    );
    for (const r of [producer, consumer, foreign]) {
      const leaks = findLeaks({ shareKey: SHARE_KEY, refresh: REFRESH }, [
        {
          name: 'stdout',
          text: r.stdout,
          allowLine: (l) =>
            l.startsWith('##vso[task.setsecret]') ||
            (l.startsWith('##vso[task.setvariable') && l.includes('issecret=true')),
        },
        { name: 'stderr', text: r.stderr },
      ]);
      expect(leaks).toEqual([]);
    }
  }, 30_000);
});

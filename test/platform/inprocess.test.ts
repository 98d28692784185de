/**
 * The in-process runners (test/helpers/inprocess.ts) stand in for the bundles in the policy
 * tables, so they must run what the bundles run: each bundle's entry (adapter options and step),
 * over the same environment and files. For a mint, a post step on its state, and a refused
 * input, on both platforms, the runner's output is the bundle's, line for line, apart from what
 * differs between any two runs (times, folders, a process id) and what the bundle prints when
 * its libraries load, which a worker's modules did once.
 */
import { type AzureRun, type Connection, runAzure } from '../helpers/azure.js';
import { type GithubRun, runGithub } from '../helpers/github.js';
import { runAzureInProcess, runGithubInProcess } from '../helpers/inprocess.js';
import { type Stub, startStub } from '../peers/stub.js';

let stub: Stub;
beforeAll(async () => {
  // The same answer every time, so the two runs' tokens are the same too.
  stub = await startStub(() => ({
    json: {
      access_token: 'at-0123456789abcdef',
      token_type: 'Bearer',
      expires_in: 3600,
      refresh_token: 'rt-next-0123456789',
    },
  }));
});
afterAll(() => stub.close());

const same = (text: string) =>
  text
    // task-lib's own reads when it loads (internal.js), once per process.
    .replace(/^##vso\[task\.debug\](system\.debug|DistributedTask\.Tasks\.Node\.\w+)=.*\r?\n/gm, '')
    .replace(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z/g, '<time>')
    .replace(/\b\d{13}\b/g, '<ms>')
    .replace(/\d+ ms\b/g, '<n> ms')
    .replace(/ghadelimiter_[0-9a-f-]{36}/g, 'ghadelimiter_<uuid>')
    .replace(/[^\s\]'"]*(gh|azp)-run-[^\s\]'"]*/g, '<dir>')
    .replace(/-\d+\.md\b/g, '-<pid>.md');

/** Outputs by name, each value with what differs between any two runs replaced. */
const sameValues = (outputs: Record<string, string>) =>
  Object.fromEntries(Object.entries(outputs).map(([k, v]) => [k, same(v)]));

const CLIENT = { 'client-id': 'c', 'client-secret': 'client-secret-0123456789' };
const REFRESH = { ...CLIENT, 'refresh-token': 'rt-0123456789', revoke: 'true' };

function expectSameGithub(a: GithubRun, b: GithubRun) {
  expect(b.code).toBe(a.code);
  expect(same(b.stdout)).toBe(same(a.stdout));
  expect(sameValues(b.outputs)).toEqual(sameValues(a.outputs));
  expect(Object.keys(b.state)).toEqual(Object.keys(a.state));
  expect(same(b.summary)).toBe(same(a.summary));
}

test.each([
  ['a mint', { 'token-url': '', ...REFRESH }],
  ['a refused input', { provider: 'zoho', region: 'mars', ...REFRESH }],
])('GitHub, %s: runGithubInProcess prints what dist/main prints', async (_, given) => {
  const inputs = { ...given, ...('token-url' in given ? { 'token-url': stub.url('/token') } : {}) };
  const a = await runGithub('dist/main/index.js', inputs);
  const b = await runGithubInProcess('dist/main/index.js', inputs);
  expectSameGithub(a, b);
  if (a.code !== 0) return;
  // The post step on the main step's state (revocation).
  const post = (run: typeof runGithubInProcess) =>
    run('dist/post/index.js', inputs, { state: a.state });
  expectSameGithub(await post(runGithub), await post(runGithubInProcess));
});

function expectSameAzure(a: AzureRun, b: AzureRun) {
  expect(b.code).toBe(a.code);
  expect(same(b.stdout)).toBe(same(a.stdout));
  const values = (r: AzureRun) =>
    sameValues(Object.fromEntries(Object.entries(r.outputs).map(([k, v]) => [k, v.value])));
  expect(values(b)).toEqual(values(a));
  expect(Object.values(b.outputs).map((o) => o.secret)).toEqual(
    Object.values(a.outputs).map((o) => o.secret),
  );
  expect(b.result).toEqual(a.result);
  expect(Object.keys(b.taskVariables)).toEqual(Object.keys(a.taskVariables));
}

test.each([
  ['a mint', {}],
  ['a refused input', { tokenUrl: 'https://evil.example/token' }],
])('Azure DevOps, %s: runAzureInProcess prints what the task prints', async (_, inputs) => {
  const connection: Connection = {
    id: 'c0ffee00-1111-2222-3333-444455556666',
    scheme: 'Token',
    params: { clientid: 'c', clientsecret: 'client-secret-0123456789', refreshtoken: 'rt-0123' },
    data: { provider: 'generic', tokenUrl: stub.url('/token'), revokeUrl: stub.url('/revoke') },
  };
  const a = await runAzure('OAuthTokenV1', 'main', inputs, { connection });
  const b = await runAzureInProcess('OAuthTokenV1', 'main', inputs, { connection });
  expectSameAzure(a, b);
  if (a.result) return;
  const post = (run: typeof runAzure) =>
    run('OAuthTokenV1', 'post', inputs, { connection, taskVariables: a.taskVariables });
  expectSameAzure(await post(runAzure), await post(runAzureInProcess));
});

/**
 * Bad input, table-driven, on both platforms: each case gives the inputs and the exact message
 * (naming the input the way the platform spells it, and the fix), and checks a failure, no
 * request where the inputs alone are wrong (a name that matches nothing needs the lookup, but
 * nothing is created), and nothing left behind: no window, no state, no output, no leak.
 *
 * Every case runs in process (the step code over each platform's input names and defaults,
 * tests/helpers/inprocess.ts); a few run as the built bundles too, for what only a process
 * shows: the exit code or task result, the runner's error command, and no stray file or
 * variable command.
 */
import { readFileSync } from 'node:fs';
import { runAzure } from '../helpers/azure.js';
import { runGithub, unescapeCommand } from '../helpers/github.js';
import { runMainInProcess } from '../helpers/inprocess.js';
import { findLeaks } from '../helpers/leaks.js';
import { record } from '../helpers/record.js';
import { type Site24x7Peer, startSite24x7 } from '../peers/site24x7.js';

let peer: Site24x7Peer;
beforeAll(async () => {
  peer = await startSite24x7();
});
afterAll(() => peer.close());

const SECRET = 'bad-input-secret-0123456789';
const T = (i: Record<string, string>) => ({
  'token-url': 'https://auth.example.com/token',
  'client-id': 'cid',
  'client-secret': SECRET,
  ...i,
});
const M = (i: Record<string, string>) => ({
  'api-url': peer.apiUrl,
  'access-token': peer.issue(),
  monitors: 'shop-web',
  ...i,
});

type Case = [
  name: string,
  step: 'token' | 'maintenance',
  inputs: () => Record<string, string>,
  message: string,
];

// prettier-ignore
const CASES: Case[] = [
  ["unknown provider", 'token', () => T({ provider: 'ping' }), "Input 'provider' has the value 'ping', which is not allowed: use one of: generic, zoho, site24x7, workato, datadog, pagerduty, entra, okta, auth0, keycloak"],
  ["unknown region", 'token', () => T({ provider: 'zoho', region: 'mars', 'token-url': '', 'refresh-token': 'r-0123456789' }), "Input 'region' has the value 'mars', which is not a Zoho region: use one of: us, eu, in, au, cn, jp, ca, uk, sa, ae"],
  ["http token url", 'token', () => T({ 'token-url': 'http://auth.example.com/token' }), "Input 'token-url' uses http:// to auth.example.com, which would send secrets unencrypted: use https:// (plain http is accepted only for loopback hosts such as 127.0.0.1)"],
  ["url with credentials", 'token', () => T({ 'token-url': 'https://user:pw@auth.example.com/token' }), "Input 'token-url' contains credentials (user:password@host): remove them from the URL; pass the client id and secret through their own inputs, from secrets"],
  ["ftp scheme", 'token', () => T({ 'token-url': 'ftp://auth.example.com/token' }), "Input 'token-url' uses the scheme 'ftp:': use an https:// URL of the token endpoint"],
  ["secret in query", 'token', () => T({ 'token-url': 'https://auth.example.com/token?client_secret=abc' }), "Input 'token-url' carries 'client_secret' in its query string, where logs and proxies keep it: remove it from the URL; credentials are sent in the request body"],
  ["fragment", 'token', () => T({ 'token-url': 'https://auth.example.com/token#x' }), "Input 'token-url' has a #fragment: remove it; give the plain address of the token endpoint"],
  ["not a url", 'token', () => T({ 'token-url': 'auth.example.com/token' }), "Input 'token-url' is not a valid URL: give the full https:// address of the token endpoint"],
  ["no token url generic", 'token', () => T({ 'token-url': '' }), "Input 'token-url' is required for provider 'generic': set the token endpoint URL, or choose a provider preset: zoho, site24x7, workato, datadog, pagerduty, entra, okta, auth0, keycloak"],
  ["missing client id", 'token', () => T({ 'client-id': '' }), "Input 'client-id' is required: set it to the OAuth client id issued by the provider"],
  ["refresh grant without refresh token", 'token', () => T({ 'grant-type': 'refresh_token' }), "Input 'refresh-token' is required when grant-type is refresh_token: pass the stored refresh token from a secret"],
  ["refresh token with client_credentials", 'token', () => T({ 'grant-type': 'client_credentials', 'refresh-token': 'r-0123456789' }), "Input 'refresh-token' is set, but grant-type is client_credentials: remove refresh-token, or set grant-type to refresh_token"],
  ["client_credentials without secret", 'token', () => T({ 'client-secret': '' }), "Input 'client-secret' is required for the client_credentials grant: pass the client secret from a secret"],
  ["malformed extra-params", 'token', () => T({ 'extra-params': 'soid' }), "Input 'extra-params' line 1 is not of the form key=value: write one key=value pair per line, e.g. soid=Site24x7.12345"],
  ["reserved extra-params", 'token', () => T({ 'extra-params': 'client_secret=x' }), "Input 'extra-params' line 1 sets 'client_secret', which the step sets itself: remove it; the step sets client_secret from its own setting"],
  ["timeout abc", 'token', () => T({ 'timeout-seconds': 'abc' }), "Input 'timeout-seconds' has the value 'abc', which is not a number of seconds more than 0 and at most 600: set a number more than 0 and at most 600, or leave it empty for the default 30"],
  ["timeout negative", 'token', () => T({ 'timeout-seconds': '-5' }), "Input 'timeout-seconds' has the value '-5', which is not a number of seconds more than 0 and at most 600: set a number more than 0 and at most 600, or leave it empty for the default 30"],
  ["timeout zero", 'token', () => T({ 'timeout-seconds': '0' }), "Input 'timeout-seconds' has the value '0', which is not a number of seconds more than 0 and at most 600: set a number more than 0 and at most 600, or leave it empty for the default 30"],
  ["budget too big", 'token', () => T({ 'max-retry-seconds': '99999' }), "Input 'max-retry-seconds' has the value '99999', which is not a number of seconds from 0 to 3600: set a number from 0 to 3600, or leave it empty for the default 300"],
  ["export-env invalid", 'token', () => T({ 'export-env': '1TOKEN' }), "Input 'export-env' has the value '1TOKEN', which is not a valid environment variable name: use letters, digits and underscores, not starting with a digit, e.g. API_TOKEN"],
  ["export-env protected", 'token', () => T({ 'export-env': 'PATH' }), "Input 'export-env' names 'PATH', a variable the runner or the system relies on: choose another name, e.g. API_TOKEN"],
  ["secret with newline", 'token', () => T({ 'client-secret': 'abc\ndef' }), "Input 'client-secret' contains a line break or control character inside the value: store the secret again as a single line, exactly as the provider issued it"],
  ["region on generic", 'token', () => T({ region: 'eu' }), "Input 'region' is set, but provider 'generic' has no regions: remove it and set token-url, or choose a provider preset: zoho, site24x7, workato, datadog, pagerduty, entra, okta, auth0, keycloak"],
  ["grant type invalid", 'token', () => T({ 'grant-type': 'password' }), "Input 'grant-type' has the value 'password', which is not allowed: use one of: refresh_token, client_credentials, jwt-bearer, token-exchange"],
  ["client auth invalid", 'token', () => T({ 'client-auth': 'jwt' }), "Input 'client-auth' has the value 'jwt', which is not allowed: use one of: basic, post, private-key-jwt, federated"],
  ["zoho cc without scope", 'token', () => T({ provider: 'zoho', 'token-url': '', 'grant-type': 'client_credentials' }), "Input 'scope' is required for the client_credentials grant with Zoho: set the scopes the Self Client was given, e.g. Site24x7.Operations.All (and soid in extra-params if Zoho asks for it)"],
  ["resource invalid", 'token', () => T({ resource: 'not a uri' }), "Input 'resource' has 'not a uri', which is not an absolute URI without a #fragment (RFC 8707): give one absolute URI per line, e.g. https://api.example.com/"],
  ["revoke with refresh", 'token', () => T({ revoke: 'true', 'refresh-token': 'r-0123456789' }), "Input 'revoke' is true with the refresh_token grant, and revoking the access token may also revoke the stored refresh token (RFC 7009 s2.1 allows servers to do so): set revoke to false; the access token expires on its own. Revocation is offered for client_credentials tokens"],
  ["revoke without endpoint", 'token', () => T({ revoke: 'true' }), "Input 'revoke' is true, but Generic OAuth 2.0 server has no revocation endpoint: set revoke-url to the server's RFC 7009 endpoint, or set revoke to false"],
  ["revoke not boolean", 'token', () => T({ revoke: 'maybe' }), "Input 'revoke' has the value 'maybe', which is not a boolean: use true or false"],
  ["zoho empty refresh token", 'token', () => T({ provider: 'zoho', 'token-url': '' }), "Input 'refresh-token' is empty, and Zoho is used with the refresh_token grant: pass the stored refresh token from a secret. An empty value usually means the secret did not arrive: a misspelt secret name, or a run that is given no secrets (a pull request from a fork, a Dependabot run). For the client_credentials grant, set grant-type to client_credentials"],
  ["datadog cc", 'token', () => T({ provider: 'datadog', 'token-url': '', 'grant-type': 'client_credentials' }), "Input 'grant-type' resolves to client_credentials, which Datadog does not support (it supports refresh_token): set refresh-token to the stored refresh token"],
  ["empty selection", 'maintenance', () => M({ monitors: '' }), "Input 'monitors' is empty, and so are monitor-groups and tags: name what the window covers: monitors, monitor groups or tags, by ID or display name (tags as name:value)"],
  ["unknown monitor", 'maintenance', () => M({ monitors: 'shop-wbe' }), "Input 'monitors' names 'shop-wbe', which matches no monitor (names match exactly, case included): did you mean 'shop-web' (100000000001), 'shop-db' (100000000003)?"],
  ["ambiguous monitor", 'maintenance', () => M({ monitors: 'billing' }), "Input 'monitors' names 'billing', which matches 2 monitors: 'billing' (100000000004), 'billing' (100000000005): give the ID of the one you mean instead of the name"],
  ["unknown group", 'maintenance', () => M({ monitors: '', 'monitor-groups': 'Frontends' }), "Input 'monitor-groups' names 'Frontends', which matches no monitor group (names match exactly, case included): did you mean 'Shop frontends' (200000000001)?"],
  ["unknown tag", 'maintenance', () => M({ monitors: '', tags: 'env:staging' }), "Input 'tags' names 'env:staging', which matches no tag (names match exactly, case included): did you mean 'env:prod' (300000000001)?"],
  ["unknown monitor id", 'maintenance', () => M({ monitors: '100000000099' }), "Input 'monitors' has the ID 100000000099, which is not a monitor of this account: check the ID in the Site24x7 console (and the region and customer ID), or give the monitor's display name"],
  ["duration 0m", 'maintenance', () => M({ duration: '0m' }), "Input 'duration' has the value '0m', which is not a duration from 1m to 7d: write minutes and hours such as 45m, 2h or 1h30m (the default is 60m)"],
  ["duration abc", 'maintenance', () => M({ duration: 'abc' }), "Input 'duration' has the value 'abc', which is not a duration from 1m to 7d: write minutes and hours such as 45m, 2h or 1h30m (the default is 60m)"],
  ["duration 8d", 'maintenance', () => M({ duration: '8d' }), "Input 'duration' has the value '8d', which is not a duration from 1m to 7d: write minutes and hours such as 45m, 2h or 1h30m (the default is 60m)"],
  ["start in past", 'maintenance', () => M({ start: '2020-01-01T00:00Z' }), "Input 'start' is 2020-01-01T00:00Z, which is in the past: leave it empty to start now, or give a time to come"],
  ["start garbage", 'maintenance', () => M({ start: 'tomorrow' }), "Input 'start' has the value 'tomorrow', which is not a time that can be read (or does not exist in UTC): leave it empty for now, or write +15m, 2026-11-22T18:00Z, or 2026-11-22 18:00 (read in time-zone)"],
  ["start dst gap", 'maintenance', () => M({ start: '2027-03-28 02:30', 'time-zone': 'Europe/Berlin' }), "Input 'start' has the value '2027-03-28 02:30', which is not a time that can be read (or does not exist in Europe/Berlin): leave it empty for now, or write +15m, 2026-11-22T18:00Z, or 2026-11-22 18:00 (read in time-zone)"],
  ["unknown tz", 'maintenance', () => M({ 'time-zone': 'Mars/Olympus' }), "Input 'time-zone' has the value 'Mars/Olympus', which is not an IANA time zone: use a name such as UTC, Europe/Berlin or America/New_York"],
  ["end without id", 'maintenance', () => M({ operation: 'end' }), "Input 'maintenance-id' is required to end a window: pass the maintenance-id output of the step that started the window"],
  ["end with bad id", 'maintenance', () => M({ operation: 'end', 'maintenance-id': 'abc' }), "Input 'maintenance-id' has the value 'abc', which is not a Site24x7 ID: pass the maintenance-id output of the step that started the window"],
  ["mixing kinds", 'maintenance', () => M({ tags: 'env:prod' }), "Input 'tags' is set together with monitors, but a Site24x7 maintenance window covers one kind (selection_type): monitors, monitor groups or tags: keep one of monitors and tags; for both kinds, run the step twice (one window each)"],
  ["pass-states invalid", 'maintenance', () => M({ operation: 'check', 'pass-states': 'green' }), "Input 'pass-states' has 'green', which is not a monitor state: use up, down, trouble, critical, suspended, maintenance, discovery, configuration-error or a numeric status"],
  ["wait negative", 'maintenance', () => M({ operation: 'check', 'wait-seconds': '-1' }), "Input 'wait-seconds' has the value '-1', which is not a number of seconds from 0 to 21600: set a number from 0 to 21600, or leave it empty for the default 0"],
  ["customer id invalid", 'maintenance', () => M({ 'customer-id': 'x; y=1' }), "Input 'customer-id' is not a Site24x7 customer ID (letters, digits, - and _ only): copy the MSP or business-unit customer ID (zaaid) from the Site24x7 console"],
  ["api-url http", 'maintenance', () => M({ 'api-url': 'http://www.site24x7.com/api' }), "Input 'api-url' uses http:// to www.site24x7.com, which would send secrets unencrypted: use https:// (plain http is accepted only for loopback hosts such as 127.0.0.1)"],
  ["no credentials", 'maintenance', () => M({ 'access-token': '' }), "Input 'access-token' is empty, and so is client-id: pass the access token from the token step (preferred: it saves a mint, and Zoho allows about 10 per refresh token per 10 minutes), or client-id, client-secret and refresh-token with region"],
  ["operation invalid", 'maintenance', () => M({ operation: 'pause' }), "Input 'operation' has the value 'pause', which is not allowed: use one of: start, end, check"],
  ["perform-monitoring invalid", 'maintenance', () => M({ 'perform-monitoring': 'sometimes' }), "Input 'perform-monitoring' has the value 'sometimes', which is not a boolean: use true or false"],
  ["region invalid", 'maintenance', () => M({ 'api-url': '', region: 'mars' }), "Input 'region' has the value 'mars', which is not allowed: use one of: us, eu, in, au, cn, jp, ca, uk, sa, ae"],
  ["name with control char", 'maintenance', () => M({ name: 'a\u0007b' }), "Input 'name' contains a control character: use plain text"],
  ["access token with newline", 'maintenance', () => M({ 'access-token': 'abc\ndef' }), "Input 'access-token' contains a line break or control character inside the value: store the secret again as a single line, exactly as the provider issued it"],
];

/** Cases whose inputs need a lookup to be found wrong: one GET, nothing created. */
const NEEDS_LOOKUP = new Set([
  'unknown monitor',
  'ambiguous monitor',
  'unknown group',
  'unknown tag',
  'unknown monitor id',
]);

const camel = (k: string) => k.replace(/-([a-z0-9])/g, (_, c: string) => c.toUpperCase());
const taskInputs = (task: string) =>
  new Set(
    (
      JSON.parse(readFileSync(`task/${task}/task.json`, 'utf8')) as {
        inputs: Array<{ name: string }>;
      }
    ).inputs.map((i) => i.name),
  );
const AZURE_INPUTS = {
  token: taskInputs('OAuthTokenV1'),
  maintenance: taskInputs('Site24x7MaintenanceV1'),
};
/** Every input name either action has, longest first. */
const ALL_KEYS = ['action.yml', 'site24x7-maintenance/action.yml']
  .flatMap((f) =>
    [...readFileSync(f, 'utf8').matchAll(/^ {2}([a-z][a-z0-9-]*):$/gm)].map((m) => m[1]!),
  )
  .filter((k, i, all) => all.indexOf(k) === i)
  .sort((a, b) => b.length - a.length);
/** The message as Azure DevOps users see it: input names in camelCase. */
const azureMessage = (m: string) =>
  ALL_KEYS.reduce((s, k) => s.replace(new RegExp(`(?<![\\w-])${k}(?![\\w-])`, 'g'), camel(k)), m);

test('the table is large enough to mean something', () => {
  expect(CASES.length).toBeGreaterThanOrEqual(30);
  expect(new Set(CASES.map(([n]) => n)).size).toBe(CASES.length);
});

/** A spread of cases that also run as bundles: both steps, with and without the lookup. */
const SPAWNED = new Set([
  'http token url',
  'secret with newline',
  'revoke with refresh',
  'export-env protected',
  'unknown monitor',
  'duration 0m',
  'access token with newline',
]);

const onAzure = (step: Case[1], inputs: Record<string, string>) =>
  Object.keys(inputs).every((k) => AZURE_INPUTS[step].has(camel(k)));

/** What every run of a case must show, in process or spawned. */
function expectRefused(
  platform: 'github' | 'azure',
  [name, step, , message]: Case,
  r: { ok: boolean; got: string; everything: string },
  before: number,
): void {
  expect(r.ok).toBe(false);
  expect(r.got).toBe(platform === 'github' ? message : azureMessage(message));
  const sent = peer.requests.slice(before);
  if (NEEDS_LOOKUP.has(name)) expect(sent.every((q) => q.method === 'GET')).toBe(true);
  else expect(sent).toEqual([]);
  expect(peer.windows.size).toBe(0);
  expect(findLeaks({ secret: SECRET }, [{ name: 'run', text: r.everything }])).toEqual([]);
  record({
    area: 'bad-input',
    what: name,
    platform,
    step,
    outcome: 'refused',
    requests: sent.length,
  });
}

describe.each(['github', 'azure'] as const)('%s, in process', (platform) => {
  test.each(CASES)('%s', async (...c) => {
    const [, step, makeInputs] = c;
    const inputs = makeInputs();
    // An input only the GitHub Action has (export-env: Azure uses output variables).
    if (platform === 'azure' && !onAzure(step, inputs)) return;
    const before = peer.requests.length;
    const r = await runMainInProcess(platform, step, inputs);
    expect({ outputs: r.outputs, state: r.state }).toEqual({ outputs: {}, state: {} });
    expectRefused(platform, c, { ok: r.ok, got: r.message, everything: r.everything }, before);
  });
});

describe.each(['github', 'azure'] as const)('%s, bundles', (platform) => {
  test.each(CASES.filter(([name]) => SPAWNED.has(name)))('%s', async (...c) => {
    const [, step, makeInputs] = c;
    const inputs = makeInputs();
    if (platform === 'azure' && !onAzure(step, inputs)) return;
    const before = peer.requests.length;
    if (platform === 'github') {
      const r = await runGithub(
        step === 'token' ? 'dist/main/index.js' : 'dist/maintenance-main/index.js',
        inputs,
        step === 'token' ? {} : { action: 'site24x7-maintenance/action.yml' },
      );
      const leftovers = Object.entries(r.files)
        .filter(([, text]) => text !== '')
        .map(([f]) => f);
      expect(leftovers).toEqual([]);
      expectRefused(
        platform,
        c,
        {
          ok: r.code === 0,
          got: unescapeCommand(r.commands.find((x) => x.command === 'error')?.value ?? ''),
          everything: [r.stdout.replace(/^::add-mask::.*$/gm, ''), r.stderr].join('\n'),
        },
        before,
      );
    } else {
      const r = await runAzure(
        step === 'token' ? 'OAuthTokenV1' : 'Site24x7MaintenanceV1',
        'main',
        Object.fromEntries(Object.entries(inputs).map(([k, v]) => [camel(k), v])),
      );
      // task-lib keeps its vault key (.taskkey) in the agent's temp folder; nothing else may appear.
      expect(Object.keys(r.files).filter((f) => f !== '.taskkey')).toEqual([]);
      expect(
        r.commands.filter(
          (x) => x.area === 'task.setvariable' || x.area === 'task.settaskvariable',
        ),
      ).toEqual([]);
      expectRefused(
        platform,
        c,
        {
          ok: !r.result,
          got: r.result?.message ?? '',
          everything: [
            r.stdout
              .split('\n')
              .filter((l) => !l.includes('##vso[task.setsecret]'))
              .join('\n'),
            r.stderr,
          ].join('\n'),
        },
        before,
      );
    }
  });
});

test('the spawned rows are cases of the table', () => {
  expect(CASES.filter(([n]) => SPAWNED.has(n)).length).toBe(SPAWNED.size);
});

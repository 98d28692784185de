/**
 * The `oauth-token` command line as a user runs it, against the loopback peers: a Site24x7 API
 * with its Zoho token endpoint, and a stub playing another Zoho region. Its code runs in this
 * process (test/helpers/cli.ts); the rows where a process matters (exit codes, stdout alone,
 * standard input, the terminal's defusing, --version) run the built bundle, node dist/cli.js.
 */
import { helpPage } from '../../src/cli/help.js';
import { type Deps, main } from '../../src/cli/main.js';
import { COMMANDS, MAINTENANCE_OPERATIONS, optionsOf } from '../../src/cli/options.js';
import { runnerSafe } from '../../src/core/text.js';
import { SECRET_ENV } from '../../src/core/secret-inputs.js';
import { bundleCli, cli, cliEnv, type CliRun } from '../helpers/cli.js';
import { findLeaks } from '../helpers/leaks.js';
import { type Site24x7Peer, startSite24x7 } from '../peers/site24x7.js';
import { closedPort, type Stub, startStub } from '../peers/stub.js';

/** The command line's main() in this process, with its streams captured and `deps` injected. */
async function cliInProcess(
  args: string[],
  env: Record<string, string>,
  deps: Deps,
): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const code = await main(
    args,
    {
      out: (l) => (stdout += `${runnerSafe(l)}\n`),
      err: (l) => (stderr += `${runnerSafe(l)}\n`),
      env: cliEnv(env),
      stdin: () => '',
    },
    deps,
  );
  return { code, stdout, stderr };
}

let peer: Site24x7Peer;
const stubs: Stub[] = [];
beforeEach(async () => {
  peer = await startSite24x7();
});
afterEach(async () => {
  await peer.close();
  await Promise.all(stubs.splice(0).map((s) => s.close()));
});

const secrets = () => ({
  OAUTH_CLIENT_SECRET: peer.client.secret,
  OAUTH_REFRESH_TOKEN: peer.client.refreshToken,
});
const zohoArgs = () => [
  '--provider',
  'site24x7',
  '--token-url',
  peer.tokenUrl,
  '--client-id',
  peer.client.id,
];
function expectNoLeak(r: CliRun, extra: Record<string, string> = {}) {
  const all = { secret: peer.client.secret, refresh: peer.client.refreshToken, ...extra };
  expect(
    findLeaks(all, [
      { name: 'stdout', text: r.stdout },
      { name: 'stderr', text: r.stderr },
    ]),
  ).toEqual([]);
}

test('--help: the first page says what all commands share; every other page is its own', async () => {
  const top = await cli(['--help']);
  expect(top.code).toBe(0);
  expect(top.stdout).toMatch(/^oauth-token/);
  expect(top.stdout).toContain('Exit codes: 0 success');
  expect(top.stdout).toContain('OAUTH_CLIENT_SECRET');
  const pages = new Map<string, string>();
  for (const words of [
    ['token'],
    ['doctor'],
    ['site24x7'],
    ['site24x7', 'monitors'],
    ['site24x7', 'maintenance'],
    ...MAINTENANCE_OPERATIONS.map((op) => ['site24x7', 'maintenance', op]),
  ]) {
    const page = helpPage(words);
    expect({ words, first: page.split('\n')[0] }).toEqual({
      words,
      first: expect.stringMatching(new RegExp(`^oauth-token ${words.join(' ')}: `)) as string,
    });
    expect(page).not.toContain('Exit codes: 0 success'); // said once, on the first page
    expect(page).toContain('Environment and exit codes: oauth-token --help.');
    expect(page.split('\n').length).toBeLessThan(45);
    pages.set(words.join(' '), page);
  }
  expect(new Set(pages.values()).size).toBe(pages.size);
  // The spawned bundle serves the same pages.
  const end = await cli(['site24x7', 'maintenance', 'end', '--help']);
  expect(end.stdout.trimEnd()).toBe(pages.get('site24x7 maintenance end'));
});

test('no command, or an unknown one: usage on stderr, exit 2, and the command that was meant', async () => {
  expect((await bundleCli([])).code).toBe(2);
  const r = await bundleCli(['mint']);
  expect(r.code).toBe(2);
  expect(r.stderr).toContain("Unknown command 'mint'.");
  for (const [words, said] of [
    [['tokn'], "Unknown command 'tokn': did you mean 'oauth-token token'?"],
    [['maintenance', 'stop'], "did you mean 'oauth-token site24x7 maintenance end'?"],
    [['site24x7', 'maintenance', 'stop'], "did you mean 'site24x7 maintenance end'?"],
    [['site24x7', 'maintenance', 'strat'], "did you mean 'site24x7 maintenance start'?"],
    [['site24x7', 'monitor'], "did you mean 'site24x7 monitors'?"],
    [['exchange-code'], "did you mean 'oauth-token zoho exchange-code'?"],
  ] as const) {
    const wrong = await bundleCli([...words, '--maintenance-id', '1']);
    expect({ words, code: wrong.code, said: wrong.stderr.includes(said) }).toEqual({
      words,
      code: 2,
      said: true,
    });
  }
  expect(Object.keys(COMMANDS)).toContain('token');
});

test('token: describes the token, masks it, header to use; --json; --show-token', async () => {
  const r = await cli(['token', ...zohoArgs()], secrets());
  expect(r.code).toBe(0);
  expect(r.stdout).toContain('token type:  Bearer');
  expect(r.stdout).toMatch(/expires: +\d{4}-\d\d-\d\dT.*Z \(in 60 min\)/);
  expect(r.stdout).toContain(
    'header:      Authorization: Zoho-oauthtoken ***  (--show-token to print it)',
  );
  expect(r.stdout).toContain('api:         https://www.site24x7.com/api');
  expect(r.stderr).toContain('Requesting an access token from');
  expectNoLeak(r, { token: peer.minted[0]! });

  const j = await cli(['token', ...zohoArgs(), '--json'], secrets());
  const doc = JSON.parse(j.stdout) as Record<string, unknown>;
  expect(doc).toMatchObject({ token_type: 'Bearer', expires_in: 3600 });
  expect(doc.access_token).toBeUndefined();

  const shown = await cli(['token', ...zohoArgs(), '--json', '--show-token'], secrets());
  expect(JSON.parse(shown.stdout).access_token).toBe(peer.minted[2]);
});

// People round 2, finding 4: the advice to reuse a token did not work as written, and a
// throttled accounts server kept a person waiting for minutes.
test('token --token-only: the token alone on stdout, which the site24x7 commands then use', async () => {
  const only = await bundleCli(['token', ...zohoArgs(), '--token-only'], secrets());
  expect(only.code).toBe(0);
  expect(only.stdout).toBe(`${peer.minted.at(-1)}\n`);
  expect(only.stderr).toMatch(/An access token, valid until \d{4}-.*Z \(60 min\)\./);
  const minted = peer.minted.length;
  const m = await bundleCli(['site24x7', 'monitors', '--api-url', peer.apiUrl], {
    OAUTH_ACCESS_TOKEN: only.stdout.trim(),
  });
  expect(m.code).toBe(0);
  expect(peer.minted).toHaveLength(minted);
  const both = await bundleCli(['token', ...zohoArgs(), '--token-only', '--json'], secrets());
  expect(both.code).toBe(2);
  expect(peer.minted).toHaveLength(minted);
});

test("a throttled accounts server is said at once at a terminal, with how to spare Zoho's limit", async () => {
  const throttle = await startStub(() => ({
    json: {
      error: 'Access Denied',
      error_description:
        'You have made too many requests continuously. Please try again after some time.',
      status: 'failure',
    },
  }));
  stubs.push(throttle);
  const args = ['--token-url', throttle.url('/oauth/v2/token'), '--client-id', '1000.X'];
  for (const cmd of [
    ['token', '--provider', 'site24x7'],
    ['site24x7', 'monitors', '--api-url', peer.apiUrl],
  ]) {
    const before = throttle.requests.length;
    const r = await cli([...cmd, ...args], secrets());
    expect({ cmd, code: r.code }).toEqual({ cmd, code: 1 });
    expect(r.stderr).toContain(
      'Not waited for here, as the window lasts up to 10 minutes: run again later, or give --max-retry-seconds 600 to wait.',
    );
    expect(r.stderr).toContain('export OAUTH_ACCESS_TOKEN="$(oauth-token token --token-only ...)"');
    expect(r.stderr).not.toMatch(/later steps|per job/);
    expect(throttle.requests.length - before).toBe(1);
  }
});

// People round 2, finding 10: a --stdin line without its name was ignored, so the secret it
// held was silently not used.
test('--stdin: a line that is not name=value is refused, and not shown', async () => {
  const r = await cli(['token', ...zohoArgs(), '--stdin'], {}, `${peer.client.secret}\n`);
  expect(r.code).toBe(2);
  expect(r.stderr).toContain(
    '--stdin: line 1 is not name=value (it is not shown, as it may be a secret)',
  );
  expectNoLeak(r);
  expect(peer.requests).toEqual([]);
  // Blank lines and # comments are fine.
  const ok = await cli(
    ['token', ...zohoArgs(), '--stdin'],
    {},
    `# for the shop\n\nclient-secret=${peer.client.secret}\nrefresh-token=${peer.client.refreshToken}\n`,
  );
  expect(ok.code).toBe(0);
});

test('secrets as arguments are refused before anything is sent (exit 2); --stdin works', async () => {
  const r = await bundleCli(['token', ...zohoArgs(), '--client-secret', peer.client.secret]);
  expect(r.code).toBe(2);
  expect(r.stderr).toContain('Do not pass --client-secret as an argument');
  expect(peer.requests).toEqual([]);

  const s = await bundleCli(
    ['token', ...zohoArgs(), '--stdin'],
    {},
    `client-secret=${peer.client.secret}\nrefresh-token=${peer.client.refreshToken}\n`,
  );
  expect(s.code).toBe(0);
  expectNoLeak(s, { token: peer.minted[0]! });
});

test('bad input is exit 2 with the message naming the flag; a refused secret is exit 1', async () => {
  const bad = await cli(
    ['token', '--token-url', 'http://example.com/t', '--client-id', 'x'],
    secrets(),
  );
  expect(bad.code).toBe(2);
  expect(bad.stderr).toContain('error: Option --token-url uses http:// to example.com');
  const refused = await cli(['token', ...zohoArgs()], {
    ...secrets(),
    OAUTH_CLIENT_SECRET: 'wrong-secret-0123',
  });
  expect(refused.code).toBe(1);
  expect(refused.stderr).toContain('invalid_client_secret');
});

test('every command names a missing secret the terminal way (site24x7 as token does)', async () => {
  const env = { OAUTH_REFRESH_TOKEN: 'r-0123456789' };
  for (const cmd of [
    ['token', '--provider', 'site24x7'],
    ['site24x7', 'monitors'],
  ]) {
    const r = await cli([...cmd, '--client-id', '1000.X'], env);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      'error: OAUTH_CLIENT_SECRET (client-secret= with --stdin) is required for Site24x7 (Zoho accounts): pass the client secret in the environment, or with --stdin',
    );
    expect(r.stderr).not.toContain("Input '");
  }
});

test('site24x7 monitors|groups|tags: tables and JSON, with a minted or a given token', async () => {
  const api = ['--api-url', peer.apiUrl];
  const m = await cli(['site24x7', 'monitors', ...api, ...zohoArgs().slice(2)], secrets());
  expect(m.code).toBe(0);
  expect(m.stdout).toMatch(/^ID +NAME\n100000000001 +shop-web {2}\(URL\)/);
  expect(m.stderr).toContain('5 monitors.');
  const token = peer.issue();
  const g = await cli(['site24x7', 'groups', ...api, '--json'], { OAUTH_ACCESS_TOKEN: token });
  expect(JSON.parse(g.stdout)).toEqual({
    ok: true,
    groups: [
      { id: '200000000001', name: 'Shop frontends' },
      { id: '200000000002', name: 'Databases' },
    ],
    exit_code: 0,
  });
  // Round trip: the names --json gives are what --monitors takes.
  const listed = (
    JSON.parse(
      (await cli(['site24x7', 'monitors', ...api, '--json'], { OAUTH_ACCESS_TOKEN: token })).stdout,
    ) as { monitors: Array<{ id: string; name: string; type: string }> }
  ).monitors;
  expect(listed[0]).toEqual({ id: '100000000001', name: 'shop-web', type: 'URL' });
  const dry = await cli(
    [
      'site24x7',
      'maintenance',
      'start',
      ...api,
      '--monitors',
      listed[0]!.name,
      '--dry-run',
      '--json',
    ],
    { OAUTH_ACCESS_TOKEN: token },
  );
  expect(dry.code).toBe(0);
  expect(JSON.parse(dry.stdout)).toMatchObject({ monitor_ids: ['100000000001'] });
  const t = await cli(['site24x7', 'tags', ...api], { OAUTH_ACCESS_TOKEN: token });
  expect(t.stdout).toContain('300000000001         env:prod');
  expectNoLeak(t, { token });
});

test('site24x7 maintenance start --dry-run resolves names and sends nothing that changes anything', async () => {
  const token = peer.issue();
  const r = await cli(
    [
      'site24x7',
      'maintenance',
      'start',
      '--api-url',
      peer.apiUrl,
      '--monitors',
      'shop-web,shop-db',
      '--duration',
      '45m',
      '--dry-run',
    ],
    { OAUTH_ACCESS_TOKEN: token },
  );
  expect(r.code).toBe(0);
  expect(r.stderr).toContain('Dry run: would send POST /api/maintenance for 2 monitors');
  expect(r.stderr).toContain('"selection_type": 2');
  expect(r.stdout).toContain('monitor-ids     100000000001,100000000003');
  expect(peer.apiCalls(true)).toEqual([]);
  expect(peer.windows.size).toBe(0);
});

test('site24x7 maintenance start, then end: the window is opened and closed', async () => {
  const env = { OAUTH_ACCESS_TOKEN: peer.issue() };
  const s = await cli(
    ['site24x7', 'maintenance', 'start', '--api-url', peer.apiUrl, '--tags', 'env:prod', '--json'],
    env,
  );
  expect(s.code).toBe(0);
  const out = JSON.parse(s.stdout) as Record<string, string>;
  expect(peer.windows.has(out.maintenance_id!)).toBe(true);
  const dry = await cli(
    [
      'site24x7',
      'maintenance',
      'end',
      '--api-url',
      peer.apiUrl,
      '--maintenance-id',
      out.maintenance_id!,
      '--dry-run',
    ],
    env,
  );
  expect(dry.stderr).toMatch(/Dry run: for window \d+ this would do PUT it with its end moved to/);
  const e = await cli(
    [
      'site24x7',
      'maintenance',
      'end',
      '--api-url',
      peer.apiUrl,
      '--maintenance-id',
      out.maintenance_id!,
    ],
    env,
  );
  expect(e.code).toBe(0);
  expect(e.stderr).toContain('Ended maintenance window');
  expect(peer.apiCalls(true).map((r) => r.method)).toEqual(['POST', 'PUT']);
  // The window runs to the next whole minute: Site24x7 reports its monitors as in
  // maintenance, not their health, and the gate says so.
  const gateArgs = [
    'site24x7',
    'maintenance',
    'check',
    '--api-url',
    peer.apiUrl,
    '--monitors',
    'shop-web',
  ];
  const early = await cli(gateArgs, env);
  expect(early.code).toBe(1);
  expect(early.stderr).toContain("'shop-web' (100000000001): maintenance");
  expect(early.stderr).toContain('in a maintenance window, where Site24x7 reports');
  // A minute later the window is over and the monitors report their health.
  const w = peer.windows.get(out.maintenance_id!)!;
  Object.assign(w, {
    end_date: '2020-01-01',
    end_time: '00:01',
    start_date: '2020-01-01',
    start_time: '00:00',
  });
  const gate = await cli(gateArgs, env);
  expect(gate.code).toBe(0);
});

test('doctor: a client of another Zoho region is found, then the Site24x7 scopes are checked', async () => {
  // "us" answers as Zoho does for a client it does not know; the peer plays "eu".
  const us = await startStub(() => ({ json: { error: 'invalid_client' } }));
  stubs.push(us);
  const others = await startStub(() => ({ json: { error: 'invalid_client' } }));
  stubs.push(others);
  const hosts: Record<string, string> = { us: us.origin, eu: peer.origin };
  for (const r of ['in', 'au', 'cn', 'jp', 'ca', 'uk', 'sa', 'ae']) hosts[r] = others.origin;
  // In process, with the accounts servers injected (the product has no test hook for them).
  const r = await cliInProcess(
    [
      'doctor',
      '--provider',
      'site24x7',
      '--region',
      'us',
      '--token-url',
      `${us.origin}/oauth/v2/token`,
      '--client-id',
      peer.client.id,
      '--api-url',
      peer.apiUrl,
    ],
    secrets(),
    { zohoHosts: hosts },
  );
  expect(r.stdout).toContain(`1. Token: ${us.origin}/oauth/v2/token`);
  expect(us.requests).toHaveLength(1);
  expect(r.stdout).toContain("found: the client belongs to region 'eu'");
  // One read per scope the steps need, each named with what it is for.
  expect(r.stdout).toContain('Site24x7.Admin.Read: granted (GET /monitors, for monitors by name).');
  expect(r.stdout).toContain(
    'Site24x7.Reports.Read: granted (GET /current_status, for the health gate (check)).',
  );
  expect(r.stdout).toContain('Site24x7.Operations.Read: granted (GET /maintenance');
  expect(r.code).toBe(0);
  expectNoLeak(r, { token: peer.minted.join('\n') });
});

test('doctor: a token Site24x7 refuses is reported as a scope (or data centre) problem, exit 1', async () => {
  peer.fault = (req) =>
    req.path.startsWith('/api/')
      ? { status: 403, json: { error_code: 1101, message: 'Access denied' } }
      : undefined;
  const r = await cli(['doctor', ...zohoArgs(), '--api-url', peer.apiUrl], secrets());
  expect(r.code).toBe(1);
  expect(r.stdout).toContain('   ok: a Bearer token, valid 60 min.');
  expect(r.stderr).toContain(
    'error: The token works at Zoho, but Site24x7 refused Site24x7.Admin.Read, Site24x7.Reports.Read, Site24x7.Operations.Read at ',
  );
  expectNoLeak(r, { token: peer.minted.join('\n') });
});

test('what a server sends reaches the terminal defused: no escape sequence, no runner command', async () => {
  const s = await startStub(() => ({
    json: {
      access_token: 'cli-token-0123456789',
      token_type: 'Bearer',
      expires_in: 3600,
      scope: 'read ##vso[task.prependpath]/evil ::warning::x \u001b[2J',
    },
  }));
  stubs.push(s);
  const args = ['token', '--token-url', s.url('/token'), '--client-id', 'c'];
  const env = { OAUTH_CLIENT_SECRET: 'cli-secret-0123456789' };
  const r = await bundleCli(args, env);
  // An ESC inside a scope is outside RFC 6749's scope grammar: refused, not printed.
  expect(r.code).toBe(1);
  expect(r.stderr).toContain('malformed scope');
  expect(`${r.stdout}${r.stderr}`).not.toContain('\u001b');

  const s2 = await startStub(() => ({
    json: {
      access_token: 'cli-token-0123456789',
      token_type: 'Bearer',
      scope: 'read ##vso[task.prependpath]/evil ::warning::x',
    },
  }));
  stubs.push(s2);
  const ok = await bundleCli(['token', '--token-url', s2.url('/token'), '--client-id', 'c'], env);
  expect(ok.code).toBe(0);
  expect(ok.stdout).toContain('scope:       read ##vso(task.prependpath]/evil : :warning: :x');
  const json = await bundleCli(
    ['token', '--token-url', s2.url('/token'), '--client-id', 'c', '--json'],
    env,
  );
  expect(JSON.parse(json.stdout).scope).toBe('read ##vso(task.prependpath]/evil : :warning: :x');
});

test('a misspelt option is refused before anything is sent: no window from --dryrun', async () => {
  const env = { OAUTH_ACCESS_TOKEN: peer.issue() };
  const start = [
    'site24x7',
    'maintenance',
    'start',
    '--api-url',
    peer.apiUrl,
    '--monitors',
    'shop-web',
  ];
  const typo = await cli([...start, '--dryrun', '--duration', '30m'], env);
  expect(typo.code).toBe(2);
  expect(typo.stderr).toContain(
    "Unknown option --dryrun for 'site24x7 maintenance start': did you mean --dry-run? See oauth-token site24x7 maintenance start --help.",
  );
  const swallow = await cli([...start, '--duration', '--dry-run'], env);
  expect(swallow.code).toBe(2);
  expect(swallow.stderr).toContain('Option --duration needs a value.');
  const ignored = await cli(['token', '--token-url', 'http://127.0.0.1:9/t', '--duraton', '2h'], {
    OAUTH_CLIENT_SECRET: 'x-0123456789',
  });
  expect(ignored.code).toBe(2);
  expect(ignored.stderr).toContain("Unknown option --duraton for 'token'");
  expect(peer.requests).toHaveLength(0);
  expect(peer.windows.size).toBe(0);
});

test('--version prints the version', async () => {
  const r = await bundleCli(['--version']);
  expect(r.code).toBe(0);
  expect(r.stdout).toMatch(/^oauth-token \d+\.\d+\.\d+\n$/);
});

test("each command's --help lists every option it accepts", () => {
  for (const words of [
    ['token'],
    ['doctor'],
    ['site24x7', 'monitors'],
    ...MAINTENANCE_OPERATIONS.map((op) => ['site24x7', 'maintenance', op]),
    ['envelope', 'open'],
    ['zoho', 'exchange-code'],
  ]) {
    const page = helpPage(words);
    for (const option of optionsOf(words)) {
      if (option in SECRET_ENV) continue; // env only
      expect({ words, option, listed: page.includes(`--${option}`) }).toEqual({
        words,
        option,
        listed: true,
      });
    }
  }
});

test('doctor: steps are numbered in the order they run; a region it cannot reach is said to be unreachable', async () => {
  // Credentials that work at once: no region search, so the Site24x7 step is step 2.
  const direct = await cli(['doctor', ...zohoArgs(), '--api-url', peer.apiUrl], secrets());
  expect(direct.code).toBe(0);
  expect(direct.stdout).toMatch(/^1\. Token: /m);
  expect(direct.stdout).toMatch(/^2\. Site24x7: one read-only call per scope/m);
  expect(direct.stdout).not.toMatch(/^3\. /m);

  // No region knows the client, and one cannot be reached at all (a closed port).
  const nowhere = await startStub(() => ({ json: { error: 'invalid_client' } }));
  stubs.push(nowhere);
  const closed = await closedPort();
  const hosts: Record<string, string> = { us: nowhere.origin, eu: `http://127.0.0.1:${closed}` };
  for (const r of ['in', 'au', 'cn', 'jp', 'ca', 'uk', 'sa', 'ae']) hosts[r] = nowhere.origin;
  const r = await cliInProcess(
    [
      'doctor',
      '--provider',
      'zoho',
      '--region',
      'us',
      '--token-url',
      `${nowhere.origin}/oauth/v2/token`,
      '--client-id',
      'c',
    ],
    secrets(),
    { zohoHosts: hosts },
  );
  expect(r.code).toBe(1);
  expect(r.stdout).toMatch(/^2\. Zoho keeps each client in one region/m);
  expect(r.stdout).toMatch(/^ {3}eu: unreachable \(ECONNREFUSED\)$/m);
  expect(r.stdout).toContain('   in: not here');
  expect(r.stderr).toContain(
    'error: No reachable Zoho region accepts this client id and secret, and eu could not be asked: check the network',
  );
});

test('OAUTH_DEBUG=1 shows each request: method, address without its query, status, time', async () => {
  const r = await cli(['site24x7', 'monitors', '--api-url', peer.apiUrl], {
    OAUTH_ACCESS_TOKEN: peer.issue(),
    OAUTH_DEBUG: '1',
  });
  expect(r.code).toBe(0);
  expect(r.stderr).toMatch(
    new RegExp(
      `^debug: GET ${peer.apiUrl.replace(/[.]/g, '\\.')}/monitors -> HTTP 200 in \\d+ ms$`,
      'm',
    ),
  );
  const quiet = await cli(['site24x7', 'monitors', '--api-url', peer.apiUrl], {
    OAUTH_ACCESS_TOKEN: peer.issue(),
  });
  expect(quiet.stderr).not.toContain('debug:');
});

// People round 2, finding 2: without OAUTH_REFRESH_TOKEN, Zoho was silently switched to
// client_credentials and the error asked for a scope.
test('zoho without OAUTH_REFRESH_TOKEN: the empty secret is named, in terminal words (exit 2)', async () => {
  const r = await cli(['token', '--provider', 'zoho'], {
    OAUTH_CLIENT_ID: '1000.ID',
    OAUTH_CLIENT_SECRET: 'zoho-secret-0123456789',
  });
  expect(r.code).toBe(2);
  expect(r.stderr).toContain(
    'OAUTH_REFRESH_TOKEN (refresh-token= with --stdin) is empty, and Zoho is used with the refresh_token grant: pass the stored refresh token in the environment, or with --stdin.',
  );
  expect(r.stderr).toContain('set --grant-type to client_credentials');
  expect(r.stderr).not.toContain('scope');
});

// People round 2, finding 10: a failed exchange said "(--timeout-seconds is 0)" while the
// timeout was 30: the exchange is never retried, and no input decides that.
test('zoho exchange-code: a failed exchange says why it was not retried, naming no input', async () => {
  const busy = await startStub(() => ({ status: 503, json: { error: 'server_error' } }));
  stubs.push(busy);
  const r = await cli(
    ['zoho', 'exchange-code', '--token-url', busy.url('/oauth/v2/token'), '--client-id', '1000.X'],
    { OAUTH_CLIENT_SECRET: 'secret-0123456789', OAUTH_GRANT_CODE: '1000.code.0123456789' },
  );
  expect(r.code).toBe(1);
  expect(r.stderr).toContain('(a grant code works once, so a failed exchange is not retried)');
  expect(r.stderr).not.toMatch(/--timeout-seconds is/);
  expect(busy.requests).toHaveLength(1);
});

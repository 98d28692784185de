/**
 * The command line on a workstation (issue 14): exchanging a grant code for a refresh token
 * against a certified server, the wrap mode that ends its window on exit and on Ctrl-C, the
 * list of windows this tool opened, and JSON that carries what a dry run or a gate saw. `run`,
 * Ctrl-C and the first exchange on the built bundle; the rest in process.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { bundleCli, cli, cliEnv } from '../helpers/cli.js';
import { ROOT } from '../helpers/github.js';
import { CLIENTS, type OidcPeer, startOidcPeer } from '../peers/oidc.js';
import { type Site24x7Peer, startSite24x7 } from '../peers/site24x7.js';
import { type Stub, startStub, zoho } from '../peers/stub.js';
import { attack } from '../helpers/record.js';

const REDIRECT = 'https://client.example.test/callback';

describe('zoho exchange-code', () => {
  let oidc: OidcPeer;
  beforeAll(async () => {
    oidc = await startOidcPeer();
  });
  afterAll(() => oidc.close());

  const args = [
    'zoho',
    'exchange-code',
    '--client-id',
    CLIENTS.refresh.id,
    '--client-auth',
    'basic',
    '--redirect-uri',
    REDIRECT,
  ];

  test('a code from a certified server becomes a live refresh token, printed once on stdout', async () => {
    const code = await oidc.issueAuthorizationCode(REDIRECT);
    const r = await bundleCli([...args, '--token-url', oidc.tokenUrl], {
      OAUTH_CLIENT_SECRET: CLIENTS.refresh.secret,
      OAUTH_GRANT_CODE: code,
    });
    expect(r.stderr).toContain('That is the refresh token (above, on standard output)');
    expect(r.code).toBe(0);
    const refresh = r.stdout.trim();
    expect(r.stdout.split('\n').filter(Boolean)).toHaveLength(1);
    expect(await oidc.refreshTokenActive(refresh)).toBe(true);
    // Where to store it, in terminal words, and how to check it.
    expect(r.stderr).toContain('gh secret set ZOHO_REFRESH_TOKEN');
    expect(r.stderr).toContain('service connection of type "OAuth 2.0 client"');
    expect(r.stderr).toContain(
      `oauth-token doctor --provider site24x7 --token-url ${oidc.tokenUrl}`,
    );
    // Zoho keeps 20 refresh tokens per client: another exchange can delete the stored one.
    expect(r.stderr).toContain(
      'Zoho keeps at most 20 refresh tokens per client: the 21st deletes the oldest',
    );
    for (const secret of [CLIENTS.refresh.secret, code, refresh])
      expect(r.stderr).not.toContain(secret);
    expect(r.stdout).not.toContain(CLIENTS.refresh.secret);
    // One request, the authorization_code grant, the code in the body and never in the URL.
    const sent = oidc.requests.filter((q) => q.path === '/token');
    expect(sent.at(-1)!.body).toContain('grant_type=authorization_code');
    expect(sent.at(-1)!.path).toBe('/token');

    // A code works once: the second exchange is refused, and says why.
    const again = await bundleCli([...args, '--token-url', oidc.tokenUrl], {
      OAUTH_CLIENT_SECRET: CLIENTS.refresh.secret,
      OAUTH_GRANT_CODE: code,
    });
    expect(again.code).toBe(1);
    expect(again.stdout).toBe('');
    expect(again.stderr).toMatch(/refused the grant code \(invalid_grant\)\. A code works once/);
    expect(again.stderr).not.toContain(code);
  });

  test('--json carries the refresh token with what it is for', async () => {
    const code = await oidc.issueAuthorizationCode(REDIRECT);
    const r = await cli([...args, '--token-url', oidc.tokenUrl, '--json'], {
      OAUTH_CLIENT_SECRET: CLIENTS.refresh.secret,
      OAUTH_GRANT_CODE: code,
    });
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout) as Record<string, string>;
    expect(doc.client_id).toBe(CLIENTS.refresh.id);
    expect(doc.accounts_server).toBe(oidc.origin);
    expect(await oidc.refreshTokenActive(doc.refresh_token!)).toBe(true);
  });

  test('the code and the secret are refused as arguments, and required by name', async () => {
    const asArg = await cli([...args, '--grant-code', 'abc'], { OAUTH_CLIENT_SECRET: 'x' });
    expect(asArg.code).toBe(2);
    expect(asArg.stderr).toContain('Do not pass --grant-code as an argument');
    const none = await cli([...args, '--token-url', oidc.tokenUrl], { OAUTH_CLIENT_SECRET: 'x' });
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('OAUTH_GRANT_CODE (grant-code= with --stdin) is required');
  });

  describe('against a Zoho accounts server', () => {
    let stub: Stub;
    afterEach(() => stub.close());
    const exchangeAtStub = () =>
      cli(
        [
          'zoho',
          'exchange-code',
          '--client-id',
          '1000.SELF',
          '--token-url',
          stub.url('/oauth/v2/token'),
        ],
        { OAUTH_CLIENT_SECRET: 'zoho-secret-0123456789', OAUTH_GRANT_CODE: '1000.code.0123456789' },
      );
    test("Zoho's HTTP-200 invalid_code names the region, and nothing is retried", async () => {
      stub = await startStub(() => zoho.error('invalid_code'));
      const r = await exchangeAtStub();
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(
        /refused the grant code \(invalid_code\).*pass its region with --region/,
      );
      expect(stub.requests).toHaveLength(1);
      // Zoho's way: client credentials in the form body (post), no redirect_uri.
      const body = new URLSearchParams(stub.requests[0]!.body);
      expect(body.get('grant_type')).toBe('authorization_code');
      expect(body.get('client_id')).toBe('1000.SELF');
      expect(body.has('redirect_uri')).toBe(false);
    });

    test('a Zoho answer without a refresh token says how to get one', async () => {
      stub = await startStub(() => zoho.ok());
      const r = await exchangeAtStub();
      expect(r.code).toBe(1);
      expect(r.stderr).toContain('no refresh token');
      expect(r.stdout).toBe('');
    });
  });
});

describe('site24x7 maintenance on a workstation', () => {
  let peer: Site24x7Peer;
  beforeEach(async () => {
    peer = await startSite24x7();
  });
  afterEach(() => peer.close());
  const api = () => ['--api-url', peer.apiUrl, '--monitors', 'shop-web'];

  test('run: the command sees the window id, the window ends when it exits, its status is ours', async () => {
    const env = { OAUTH_ACCESS_TOKEN: peer.issue() };
    const r = await cli(
      [
        'site24x7',
        'maintenance',
        'run',
        ...api(),
        '--',
        'bash',
        '-c',
        'echo "in window $SITE24X7_MAINTENANCE_ID"; exit 3',
      ],
      env,
    );
    expect(r.code).toBe(3);
    const id = /in window (\d+)/.exec(r.stdout)?.[1];
    expect(id).toBeDefined();
    expect(r.stderr).toContain(`The command exited with status 3; ending window ${id}.`);
    expect(r.stderr).toContain(`Ended maintenance window ${id}`);
    expect(peer.apiCalls(true).map((q) => q.method)).toEqual(['POST', 'PUT']);
  });

  test('run: Ctrl-C (SIGINT to this process alone) reaches the command, and the window still ends', async () => {
    const env = { OAUTH_ACCESS_TOKEN: peer.issue() };
    const r = await cli(
      ['site24x7', 'maintenance', 'run', ...api(), '--', 'sleep', '30'],
      env,
      '',
      { signalWhen: { when: 'Running sleep 30', signal: 'SIGINT' } },
    );
    expect(r.code).toBe(130);
    expect(r.stderr).toContain('The command was ended by SIGINT');
    expect(r.stderr).toContain('Ended maintenance window');
    expect(peer.apiCalls(true).map((q) => q.method)).toEqual(['POST', 'PUT']);
  }, 20_000);

  // Security round 3, finding 6: the wrapped command got the whole environment, secrets too.
  test('run: the command gets none of the secrets this tool reads (any case), the token only when asked', async () => {
    const token = peer.issue();
    const env = {
      OAUTH_ACCESS_TOKEN: token,
      OAUTH_CLIENT_SECRET: 'client-secret-0123456789',
      OAUTH_SHARE_KEY: 'share-key-0123456789abcdef',
      oauth_refresh_token: 'refresh-0123456789abcdef',
      DEPLOY_TARGET: 'blue',
    };
    const dump = [process.execPath, '-e', 'console.log(JSON.stringify(process.env))'];
    const r = await cli(['site24x7', 'maintenance', 'run', ...api(), '--', ...dump], env);
    expect(r.code).toBe(0);
    const seen = JSON.parse(r.stdout.trim().split('\n').at(-1)!) as Record<string, string>;
    expect(seen.DEPLOY_TARGET).toBe('blue');
    expect(seen.SITE24X7_MAINTENANCE_ID).toMatch(/^\d+$/);
    for (const v of Object.values(env).filter((v) => v !== 'blue'))
      expect(Object.values(seen)).not.toContain(v);
    expect(seen.SITE24X7_ACCESS_TOKEN).toBeUndefined();

    const passed = await cli(
      ['site24x7', 'maintenance', 'run', ...api(), '--pass-access-token', '--', ...dump],
      env,
    );
    const withToken = JSON.parse(passed.stdout.trim().split('\n').at(-1)!) as Record<
      string,
      string
    >;
    expect(withToken.SITE24X7_ACCESS_TOKEN).toBe(token);
    expect(withToken.OAUTH_CLIENT_SECRET).toBeUndefined();
    attack('command line', 'maintenance run hands the secrets to the command', 'core');
  });

  // Security round 3, finding 7: a second Ctrl-C killed the tool, leaving the window open.
  test('run: a second Ctrl-C is forwarded to the command, never fatal; the window still ends', async () => {
    const { spawn } = await import('node:child_process');
    const { ROOT } = await import('../helpers/github.js');
    const { join } = await import('node:path');
    // Ends on its second SIGINT, with status 7.
    const stubborn =
      "let n=0;process.on('SIGINT',()=>{if(++n>=2)process.exit(7)});setInterval(()=>{},1000)";
    const child = spawn(
      process.execPath,
      [
        join(ROOT, 'dist/cli.js'),
        'site24x7',
        'maintenance',
        'run',
        ...api(),
        '--',
        process.execPath,
        '-e',
        stubborn,
      ],
      {
        env: cliEnv({ OAUTH_ACCESS_TOKEN: peer.issue() }),
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => {
      const first = !stderr.includes('Running');
      stderr += d.toString();
      if (first && stderr.includes('Running')) {
        child.kill('SIGINT');
        setTimeout(() => child.kill('SIGINT'), 300);
      }
    });
    const code = await new Promise<number | null>((r) => child.on('close', r));
    expect(stderr).toContain('Received SIGINT again: still finishing');
    expect(code).toBe(7);
    expect(stderr).toContain('Ended maintenance window');
    attack('command line', 'a second Ctrl-C during maintenance run', 'core');
    expect(peer.apiCalls(true).map((q) => q.method)).toEqual(['POST', 'PUT']);
  }, 20_000);

  // People round 2, finding 10: the window was opened before the command was found missing.
  test('run: a command that does not exist opens no window (exit 127)', async () => {
    for (const missing of ['no-such-command-oauth-token', './missing.sh']) {
      const r = await cli(['site24x7', 'maintenance', 'run', ...api(), '--', missing], {
        OAUTH_ACCESS_TOKEN: peer.issue(),
      });
      expect({ missing, code: r.code }).toEqual({ missing, code: 127 });
      expect(r.stderr).toContain(`The command ${missing} was not found`);
      expect(r.stderr).toContain('no window was opened');
    }
    expect(peer.apiCalls(true)).toEqual([]);
  });

  test('run: without a command, or with --dry-run, nothing is opened and nothing runs', async () => {
    const env = { OAUTH_ACCESS_TOKEN: peer.issue() };
    const none = await cli(['site24x7', 'maintenance', 'run', ...api()], env);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('the command after --');
    const dry = await cli(
      ['site24x7', 'maintenance', 'run', ...api(), '--dry-run', '--', 'bash', '-c', 'echo ran'],
      env,
    );
    expect(dry.code).toBe(0);
    expect(dry.stdout).not.toContain('ran\n');
    expect(dry.stderr).toContain('Dry run: would then run bash -c echo ran');
    expect(peer.apiCalls(true)).toEqual([]);
  });

  // People round 2, finding 8: a mistyped id said "nothing to end" and exited 0, while the
  // real window kept running.
  test('end: an id that names no window fails, naming the windows this tool has open', async () => {
    const env = { OAUTH_ACCESS_TOKEN: peer.issue() };
    const s = await cli(['site24x7', 'maintenance', 'start', ...api(), '--json'], env);
    const id = (JSON.parse(s.stdout) as { maintenance_id: string }).maintenance_id;
    for (const dryRun of [[], ['--dry-run']]) {
      const wrong = await cli(
        [
          'site24x7',
          'maintenance',
          'end',
          '--api-url',
          peer.apiUrl,
          '--maintenance-id',
          '123',
          ...dryRun,
        ],
        env,
      );
      expect(wrong.code).toBe(1);
      expect(wrong.stderr).toMatch(
        new RegExp(
          `error: No maintenance window has the ID 123\\. Windows this tool opened that are running or to come: ${id} 'Deployment: [^']+' \\(running, until `,
        ),
      );
    }
    const json = await cli(
      [
        'site24x7',
        'maintenance',
        'end',
        '--api-url',
        peer.apiUrl,
        '--maintenance-id',
        '123',
        '--json',
      ],
      env,
    );
    expect(JSON.parse(json.stdout)).toMatchObject({ ok: false, error: { kind: 'not-found' } });
    const right = await cli(
      ['site24x7', 'maintenance', 'end', '--api-url', peer.apiUrl, '--maintenance-id', id],
      env,
    );
    expect(right.code).toBe(0);
    expect(right.stderr).toContain(`Ended maintenance window ${id}`);
  });

  test('list: the windows this tool opened, to recover a lost id (--all for every window)', async () => {
    const env = { OAUTH_ACCESS_TOKEN: peer.issue() };
    const s = await cli(['site24x7', 'maintenance', 'start', ...api(), '--json'], env);
    const id = (JSON.parse(s.stdout) as { maintenance_id: string }).maintenance_id;
    await cli(
      [
        'site24x7',
        'maintenance',
        'start',
        ...api(),
        '--description',
        'by hand',
        '--name',
        'manual',
      ],
      env,
    );
    const list = await cli(
      ['site24x7', 'maintenance', 'list', '--api-url', peer.apiUrl, '--json'],
      env,
    );
    expect(list.code).toBe(0);
    const rows = (JSON.parse(list.stdout) as { windows: Array<Record<string, string>> }).windows;
    expect(rows.map((w) => [w.maintenance_id, w.state])).toEqual([[id, 'running']]);
    const all = await cli(
      ['site24x7', 'maintenance', 'list', '--api-url', peer.apiUrl, '--all'],
      env,
    );
    expect(all.stdout).toContain('manual');
    expect(all.stderr).toContain('2 windows.');
    const mine = await cli(['site24x7', 'maintenance', 'list', '--api-url', peer.apiUrl], env);
    expect(mine.stderr).toContain('1 window opened by this tool'); // not "1 windows"
    // What each window covers (people round 2, finding 10: list showed no monitors).
    expect(mine.stdout).toMatch(new RegExp(`^${id} +running .* 1 monitor +Deployment: `, 'm'));
    expect((rows[0] as unknown as { covers: unknown }).covers).toEqual({
      kind: 'monitors',
      ids: ['100000000001'],
    });
  });

  test('--json: a dry run carries the request body; check carries each monitor state', async () => {
    const env = { OAUTH_ACCESS_TOKEN: peer.issue() };
    const dry = await cli(
      ['site24x7', 'maintenance', 'start', ...api(), '--dry-run', '--json'],
      env,
    );
    expect(dry.code).toBe(0);
    const req = (JSON.parse(dry.stdout) as { dry_run_request: Record<string, unknown> })
      .dry_run_request;
    expect(req.method).toBe('POST');
    expect(req.url).toBe(`${peer.apiUrl}/maintenance`);
    expect(req.body).toMatchObject({
      selection_type: 2,
      monitors: ['100000000001'],
      maintenance_type: 3,
    });

    const check = await cli(
      [
        'site24x7',
        'maintenance',
        'check',
        '--api-url',
        peer.apiUrl,
        '--monitors',
        'shop-web,shop-db',
        '--json',
      ],
      env,
    );
    const doc = JSON.parse(check.stdout) as { monitor_states: unknown; status: string };
    expect(doc.monitor_states).toEqual([
      { id: '100000000001', state: 'up', passes: true },
      expect.objectContaining({ id: '100000000003' }),
    ]);
  });
});

describe('interrupting the command line', () => {
  test('Ctrl-C while waiting for a server exits 130', async () => {
    const stub = await startStub(() => new Promise(() => undefined));
    try {
      const r = await cli(
        ['token', '--token-url', stub.url('/token'), '--client-id', 'c'],
        { OAUTH_CLIENT_SECRET: 'secret-0123456789' },
        '',
        { signalWhen: { when: 'Requesting an access token', signal: 'SIGINT' } },
      );
      expect(r.code).toBe(130);
    } finally {
      await stub.close();
    }
  }, 20_000);
});

/**
 * The command line on a real terminal: `script` (util-linux) gives it a pseudo-terminal, and
 * the test types only once the prompt is shown, as a person would.
 */
function onTerminal(
  args: string[],
  env: Record<string, string>,
  answers: Array<{ after: string; type: string }>,
): Promise<{ code: number | null; screen: string }> {
  const command = [process.env.BUNDLE_NODE ?? process.execPath, join(ROOT, 'dist/cli.js'), ...args]
    .map((a) => `'${a.replace(/'/g, `'\\''`)}'`)
    .join(' ');
  return new Promise((resolve) => {
    const child = spawn('script', ['-qec', command, '/dev/null'], {
      env: cliEnv(env),
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let screen = '';
    let next = 0;
    const killer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    child.stdout.on('data', (d: Buffer) => {
      screen += d.toString();
      // Answer each prompt once it is on the screen (the prompts differ from one another).
      const a = answers[next];
      if (a && screen.includes(a.after)) {
        next++;
        child.stdin.write(a.type);
      }
    });
    child.on('close', (code) => {
      clearTimeout(killer);
      resolve({ code, screen });
    });
  });
}

describe('--stdin on a terminal', () => {
  let stub: Stub;
  afterEach(() => stub.close());
  const TYPED = 'typed-secret-0123456789';

  test('asks for each secret without echoing it', async () => {
    stub = await startStub(() => ({
      json: { access_token: 'terminal-token-0123456789', token_type: 'Bearer', expires_in: 3600 },
    }));
    const r = await onTerminal(
      ['token', '--stdin', '--token-url', stub.url('/token'), '--client-id', 'c'],
      {},
      [
        {
          after: 'client-secret (OAUTH_CLIENT_SECRET; hidden, empty to skip): ',
          type: `${TYPED}\r`,
        },
        { after: 'refresh-token (OAUTH_REFRESH_TOKEN; hidden, empty to skip): ', type: '\r' },
      ],
    );
    expect(r.screen).toContain('token type:  Bearer');
    expect(r.code).toBe(0);
    expect(r.screen).not.toContain(TYPED);
    expect(r.screen).not.toContain('terminal-token-0123456789');
    // What was typed reached the server as the client secret.
    expect(stub.requests.at(-1)!.headers.authorization).toBe(
      `Basic ${Buffer.from(`c:${TYPED}`).toString('base64')}`,
    );
  }, 20_000);

  test('Ctrl-C at the prompt exits 130 and sends nothing', async () => {
    stub = await startStub(() => ({ json: {} }));
    const r = await onTerminal(
      ['token', '--stdin', '--token-url', stub.url('/token'), '--client-id', 'c'],
      {},
      [{ after: 'client-secret (OAUTH_CLIENT_SECRET; hidden', type: 'abc\u0003' }],
    );
    expect(r.code).toBe(130);
    expect(r.screen).not.toContain('abc');
    expect(stub.requests).toHaveLength(0);
  }, 20_000);
});

describe('terminal wording', () => {
  /** Pipeline words a terminal user cannot act on. */
  const PIPELINE = /Input '|from a secret|the token step|step's own input|this step|a later step/;

  test.each([
    [['token', '--token-url', 'https://auth.example.com/token'], {}],
    [['token', '--token-url', 'https://auth.example.com/token', '--client-id', 'c'], {}],
    [
      ['token', '--provider', 'zoho', '--client-id', 'c', '--grant-type', 'refresh_token'],
      { OAUTH_CLIENT_SECRET: 'x-0123456789' },
    ],
    [
      [
        'token',
        '--token-url',
        'https://a.example/t',
        '--client-id',
        'c',
        '--extra-params',
        'client_secret=x',
      ],
      { OAUTH_CLIENT_SECRET: 'x-0123456789' },
    ],
    [['site24x7', 'maintenance', 'start', '--monitors', 'shop-web'], {}],
    [['site24x7', 'maintenance', 'end'], { OAUTH_ACCESS_TOKEN: 'token-0123456789' }],
    [
      ['site24x7', 'maintenance', 'start', '--monitors', 'a', '--tags', 'b:c'],
      { OAUTH_ACCESS_TOKEN: 't-0123456789' },
    ],
    [['zoho', 'exchange-code', '--client-id', 'c'], {}],
  ])('%j names options and environment variables', async (args, env) => {
    const r = await cli(args, env);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/Option --|OAUTH_/);
    expect(r.stderr).not.toMatch(PIPELINE);
  });

  test('a window opened from the terminal says how to end it from the terminal', async () => {
    const peer = await startSite24x7();
    try {
      const r = await cli(
        ['site24x7', 'maintenance', 'start', '--api-url', peer.apiUrl, '--monitors', 'shop-web'],
        { OAUTH_ACCESS_TOKEN: peer.issue() },
      );
      expect(r.code).toBe(0);
      expect(r.stderr).toMatch(
        /or end it with: oauth-token site24x7 maintenance end --maintenance-id \d+/,
      );
      expect(r.stderr).not.toMatch(PIPELINE);
    } finally {
      await peer.close();
    }
  });
});

// People round 2, finding 10: times were shown only in UTC, and an abbreviation was taken.
describe('time zones at the terminal', () => {
  let peer: Site24x7Peer;
  beforeAll(async () => {
    peer = await startSite24x7();
  });
  afterAll(() => peer.close());

  test("a window's times are said in its own zone too; an abbreviation is refused with the full name", async () => {
    const env = { OAUTH_ACCESS_TOKEN: peer.issue() };
    const args = [
      'site24x7',
      'maintenance',
      'start',
      '--api-url',
      peer.apiUrl,
      '--monitors',
      'shop-web',
    ];
    const tokyo = await cli(
      [
        ...args,
        '--time-zone',
        'Asia/Tokyo',
        '--start',
        '2030-01-15 18:00',
        '--duration',
        '45m',
        '--dry-run',
      ],
      env,
    );
    expect(tokyo.code).toBe(0);
    const real = await cli(
      [...args, '--time-zone', 'Asia/Tokyo', '--start', '2030-01-15 18:00', '--duration', '45m'],
      env,
    );
    expect(real.code).toBe(0);
    expect(real.stderr).toContain(
      'from 2030-01-15T09:00:00Z to 2030-01-15T09:45:00Z (2030-01-15 18:00 to 18:45 Asia/Tokyo, as sent)',
    );
    for (const [zone, full] of [
      ['JST', 'Asia/Tokyo'],
      ['IST', 'Asia/Kolkata'],
      ['GMT', 'UTC'],
    ]) {
      const r = await cli([...args, '--time-zone', zone!], env);
      expect({ zone, code: r.code }).toEqual({ zone, code: 2 });
      expect(r.stderr).toContain(
        `Option --time-zone has the value '${zone}', an abbreviation or alias that readers take for different zones`,
      );
      expect(r.stderr).toContain(`use the full IANA name: ${full}`);
    }
  });
});

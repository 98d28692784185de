/**
 * The timed series, each keyed by an id: the floors (the least bare Node can do for each
 * operation: node:http, no checks), the bundles measured against them, and each bundle loading
 * and exiting with no inputs. Interleaved runs, medians and ratios.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Stub } from '../../test/peers/stub.js';
import type { Site24x7Peer, Window } from '../../test/peers/site24x7.js';
import { parseFileCommands } from '../../test/helpers/github.js';
import {
  azureEnv,
  baseEnv,
  bundle,
  dir,
  ENTRY_DIRS,
  file,
  githubEnv,
  MAINT,
  NODE_VERSION,
  out,
  RUNS,
  runOnce,
  SHARE_KEY,
  timeRun,
} from './world.js';

export interface Series {
  id: string;
  /** What the report calls it. */
  name: string;
  /** The id of the series it is measured against. */
  floor?: string;
  run: () => Promise<number>;
}

const REQUEST = `const http = require('node:http');
function send(method, url, headers, body) {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method, headers: body ? { ...headers, 'content-length': Buffer.byteLength(body) } : headers }, (res) => {
      let data = '';
      res.on('data', (c) => (data += c));
      res.on('end', () => resolve(data));
    });
    req.on('error', reject);
    req.end(body);
  });
}
const api = { authorization: 'Zoho-oauthtoken ' + process.env.TOKEN, accept: 'application/json; version=2.0', 'content-type': 'application/json;charset=UTF-8' };
`;
/** One token POST with node:http, the token written to a file: the floor of every mint. */
export const floorToken = file(
  'floor-token.cjs',
  `${REQUEST}send('POST', process.env.TOKEN_URL, { 'content-type': 'application/x-www-form-urlencoded' }, 'grant_type=client_credentials&client_id=c&client_secret=s')
  .then((d) => require('node:fs').writeFileSync(process.env.OUT, JSON.parse(d).access_token));
`,
);
const floorStart = file(
  'floor-start.cjs',
  `${REQUEST}(async () => {
  const monitors = JSON.parse(await send('GET', process.env.API + '/monitors', api)).data;
  const id = monitors.find((m) => m.display_name === 'shop-web').monitor_id;
  const body = JSON.stringify({ display_name: 'bench', maintenance_type: 3, start_date: '2026-11-22', start_time: '10:00', end_date: '2026-11-22', end_time: '11:00', timezone: 'UTC', selection_type: 2, monitors: [id] });
  const created = JSON.parse(await send('POST', process.env.API + '/maintenance', api, body)).data;
  require('node:fs').writeFileSync(process.env.OUT, created.maintenance_id);
})();
`,
);
const floorEnd = file(
  'floor-end.cjs',
  `${REQUEST}send('PUT', process.env.API + '/maintenance/' + process.env.ID, api, process.env.BODY)
  .then((d) => require('node:fs').writeFileSync(process.env.OUT, d));
`,
);

/** The inputs of a plain client-credentials mint against the token stub. */
export function tokenInputs(stub: Stub): Record<string, string> {
  return {
    'token-url': stub.url('/token'),
    'client-id': 'c',
    'client-secret': 'bench-secret-0123456789',
  };
}

/** The same mint as an Azure DevOps task's inputs. */
export function azureTokenInputs(stub: Stub): Record<string, string> {
  const t = tokenInputs(stub);
  return { tokenUrl: t['token-url']!, clientId: 'c', clientSecret: t['client-secret']! };
}

/** Run a producer (a mint with the share key) and return its token-envelope output. */
export async function produceEnvelope(inputs: Record<string, string>): Promise<string> {
  await runOnce(
    [bundle('dist/main')],
    githubEnv('action.yml', { ...inputs, 'share-key': SHARE_KEY }),
  );
  return parseFileCommands(readFileSync(join(dir, 'github_output'), 'utf8'))['token-envelope']!;
}

/** Every series, keyed by id, with the state they need prepared (a window, an envelope). */
export async function allSeries(stub: Stub, peer: Site24x7Peer): Promise<Series[]> {
  const apiToken = peer.issue();
  const startInputs = { 'api-url': peer.apiUrl, 'access-token': apiToken, monitors: 'shop-web' };
  // A window for the end runs, restored before each run so every run really shortens it.
  await runOnce([bundle('dist/maintenance-main')], githubEnv(MAINT, startInputs));
  const state = parseFileCommands(readFileSync(join(dir, 'github_state'), 'utf8'));
  const windowId = state['maintenance-id']!;
  const original = structuredClone(peer.windows.get(windowId)) as Window;
  const restore = () => peer.windows.set(windowId, structuredClone(original));
  const azureState = {
    maintenanceId: windowId,
    plannedWindow: state['planned-window']!,
    accessToken: apiToken,
    apiRoot: state['api-root']!,
    endsAt: state['ends-at']!,
  };
  const envelope = await produceEnvelope(tokenInputs(stub));

  return [
    { id: 'node', name: '`node -e 0`', run: () => timeRun(['-e', '0'], baseEnv()) },
    {
      id: 'floor.token',
      name: 'floor: one token POST with node:http, token written to a file',
      run: () => timeRun([floorToken], { ...baseEnv(), TOKEN_URL: stub.url('/token'), OUT: out() }),
    },
    {
      id: 'token.github',
      name: 'GitHub token, `dist/main`',
      floor: 'floor.token',
      run: () => timeRun([bundle('dist/main')], githubEnv('action.yml', tokenInputs(stub))),
    },
    {
      id: 'token.envelope',
      name: 'GitHub token from an envelope (no request), `dist/main`',
      floor: 'floor.token',
      run: () =>
        timeRun(
          [bundle('dist/main')],
          githubEnv('action.yml', { envelope, 'share-key': SHARE_KEY }),
        ),
    },
    {
      id: 'token.azure',
      name: 'Azure DevOps token, `task/OAuthTokenV1/main`',
      floor: 'floor.token',
      run: () =>
        timeRun(
          [bundle('task/OAuthTokenV1/main')],
          azureEnv('OAuthTokenV1', azureTokenInputs(stub)),
        ),
    },
    {
      id: 'floor.start',
      name: 'floor: monitor list GET + window POST with node:http',
      run: () =>
        timeRun([floorStart], { ...baseEnv(), API: peer.apiUrl, TOKEN: apiToken, OUT: out() }),
    },
    {
      id: 'start.github',
      name: 'GitHub maintenance start, `dist/maintenance-main`',
      floor: 'floor.start',
      run: () => timeRun([bundle('dist/maintenance-main')], githubEnv(MAINT, startInputs)),
    },
    {
      id: 'start.azure',
      name: 'Azure DevOps maintenance start, `task/Site24x7MaintenanceV1/main`',
      floor: 'floor.start',
      run: () =>
        timeRun(
          [bundle('task/Site24x7MaintenanceV1/main')],
          azureEnv('Site24x7MaintenanceV1', {
            apiUrl: peer.apiUrl,
            accessToken: apiToken,
            monitors: 'shop-web',
          }),
        ),
    },
    {
      id: 'floor.end',
      name: 'floor: window PUT with node:http',
      run: () => {
        restore();
        return timeRun([floorEnd], {
          ...baseEnv(),
          API: peer.apiUrl,
          TOKEN: apiToken,
          ID: windowId,
          BODY: JSON.stringify(original),
          OUT: out(),
        });
      },
    },
    {
      id: 'end.github',
      name: 'GitHub maintenance end (post step), `dist/maintenance-post`',
      floor: 'floor.end',
      run: () => {
        restore();
        return timeRun(
          [bundle('dist/maintenance-post')],
          githubEnv(MAINT, { 'api-url': peer.apiUrl }, state),
        );
      },
    },
    {
      id: 'end.azure',
      name: 'Azure DevOps maintenance end (post-job), `task/Site24x7MaintenanceV1/post`',
      floor: 'floor.end',
      run: () => {
        restore();
        return timeRun(
          [bundle('task/Site24x7MaintenanceV1/post')],
          azureEnv('Site24x7MaintenanceV1', { apiUrl: peer.apiUrl }, azureState),
        );
      },
    },
    ...ENTRY_DIRS.map((d) => ({
      id: `load.${d}`,
      name: `load and exit, no inputs: \`${d}\``,
      floor: 'node',
      run: () =>
        timeRun(
          [bundle(d)],
          d.startsWith('task/')
            ? { ...baseEnv(), AGENT_VERSION: '4.260.0', AGENT_TEMPDIRECTORY: dir }
            : { ...baseEnv(), GITHUB_OUTPUT: file('o', ''), GITHUB_STATE: file('s', '') },
        ),
    })),
  ];
}

export interface Stats {
  median: number;
  p10: number;
  p90: number;
}

/** The times of every series, by id, and each one's ratio to its floor. */
export class Timings {
  private readonly times = new Map<string, number[]>();

  constructor(readonly series: Series[]) {
    for (const s of series) this.times.set(s.id, []);
  }

  /** Interleaved, so drift in machine load hits every series alike. */
  async measure(runs = RUNS): Promise<this> {
    process.stderr.write(
      `Timing ${this.series.length} series × ${runs} runs with ${NODE_VERSION}...\n`,
    );
    for (let i = 0; i < runs; i++)
      for (const s of this.series) this.times.get(s.id)!.push(await s.run());
    return this;
  }

  get(id: string): Series {
    const s = this.series.find((x) => x.id === id);
    if (!s) throw new Error(`no series '${id}'`);
    return s;
  }

  stats(id: string): Stats {
    const s = [...this.times.get(this.get(id).id)!].sort((a, b) => a - b);
    const q = (p: number) => s[Math.min(s.length - 1, Math.floor(p * (s.length - 1)))]!;
    return { median: q(0.5), p10: q(0.1), p90: q(0.9) };
  }

  median(id: string): number {
    return this.stats(id).median;
  }

  /** The series' median over its floor's. */
  ratio(id: string): number {
    const floor = this.get(id).floor;
    if (!floor) throw new Error(`series '${id}' has no floor`);
    return this.median(id) / this.median(floor);
  }
}

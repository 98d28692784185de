/**
 * `npm run demo`: starts a real OAuth 2.0 server (oidc-provider) and a Site24x7 API peer on
 * 127.0.0.1, runs the built GitHub Action bundles against them exactly as the runner would
 * (INPUT_* variables, GITHUB_OUTPUT, GITHUB_ENV and GITHUB_STATE files, the post step), and
 * prints what the pipeline log shows (masked) and the outputs.
 */
import { fromWall } from '../src/core/site24x7/time.js';
import { CLIENTS, startOidcPeer } from '../test/peers/oidc.js';
import { startSite24x7 } from '../test/peers/site24x7.js';
import { type GithubRun, runGithub } from '../test/helpers/github.js';
import { renderRunnerLog } from '../test/helpers/render.js';

const peer = await startOidcPeer();
const site24x7 = await startSite24x7();
const SECRET_OUTPUTS = new Set(['access-token', 'authorization', 'refresh-token']);
const MAINTENANCE = {
  main: 'dist/maintenance-main/index.js',
  post: 'dist/maintenance-post/index.js',
  action: 'site24x7-maintenance/action.yml',
};

async function scenario(
  title: string,
  yaml: string,
  inputs: Record<string, string>,
  opts: { bundle?: string; action?: string; state?: Record<string, string> } = {},
  last: { run?: GithubRun } = {},
) {
  console.log(`\n=== ${title}\n\nWorkflow step:\n${yaml}\n`);
  const run = await runGithub(opts.bundle ?? 'dist/main/index.js', inputs, {
    action: opts.action,
    state: opts.state,
  });
  last.run = run;
  console.log('Pipeline log (what the runner shows, masks applied):');
  console.log(renderRunnerLog(run.stdout).replace(/^/gm, '  | '));
  if (run.stderr) console.log(`stderr:\n${run.stderr}`);
  console.log(`\nExit code: ${run.code}\nOutputs:`);
  for (const [k, v] of Object.entries(run.outputs))
    console.log(`  ${k.padEnd(14)} ${SECRET_OUTPUTS.has(k) ? '*** (masked in logs)' : v}`);
  for (const k of Object.keys(run.env))
    console.log(`  env ${k} exported for later steps (masked in logs)`);
  return run.code;
}

let failed = 0;
try {
  failed +=
    (await scenario(
      'client_credentials with HTTP Basic (secret contains % + : & = and a space)',
      `  - uses: oauth-token-action@v1
    id: token
    with:
      token-url: ${peer.tokenUrl}
      client-id: ${CLIENTS.basic.id}
      client-secret: \${{ secrets.CLIENT_SECRET }}
      scope: api:read
      export-env: API_TOKEN`,
      {
        'token-url': peer.tokenUrl,
        'client-id': CLIENTS.basic.id,
        'client-secret': CLIENTS.basic.secret,
        scope: 'api:read',
        'export-env': 'API_TOKEN',
      },
    )) ?? 0;
  const rt = await peer.issueRefreshToken();
  failed +=
    (await scenario(
      'refresh_token on a server that rotates refresh tokens',
      `  - uses: oauth-token-action@v1
    with:
      token-url: ${peer.tokenUrl}
      client-id: ${CLIENTS.refresh.id}
      client-secret: \${{ secrets.CLIENT_SECRET }}
      refresh-token: \${{ secrets.REFRESH_TOKEN }}`,
      {
        'token-url': peer.tokenUrl,
        'client-id': CLIENTS.refresh.id,
        'client-secret': CLIENTS.refresh.secret,
        'refresh-token': rt,
      },
    )) ?? 0;

  // Site24x7: a token from the Zoho accounts server, a window around the deployment, a health
  // gate, and the post step that ends the window when the job finishes.
  const zoho = {
    provider: 'site24x7',
    region: 'eu',
    'token-url': site24x7.tokenUrl,
    'client-id': site24x7.client.id,
    'client-secret': site24x7.client.secret,
    'refresh-token': site24x7.client.refreshToken,
  };
  const token: { run?: GithubRun } = {};
  failed +=
    (await scenario(
      'Site24x7 (1/5): a Zoho access token',
      `  - uses: oauth-token-action@v1
    id: zoho
    with:
      provider: site24x7
      region: eu
      client-id: \${{ secrets.ZOHO_CLIENT_ID }}
      client-secret: \${{ secrets.ZOHO_CLIENT_SECRET }}
      refresh-token: \${{ secrets.ZOHO_REFRESH_TOKEN }}`,
      zoho,
      {},
      token,
    )) ?? 0;
  const accessToken = token.run?.outputs['access-token'] ?? '';
  const start: { run?: GithubRun } = {};
  failed +=
    (await scenario(
      'Site24x7 (2/5): open a maintenance window before deploying',
      `  - uses: oauth-token-action/site24x7-maintenance@v1
    id: window
    with:
      region: eu
      access-token: \${{ steps.zoho.outputs.access-token }}
      monitor-groups: Shop frontends
      duration: 45m
      time-zone: Europe/Berlin`,
      {
        'api-url': site24x7.apiUrl,
        'access-token': accessToken,
        'monitor-groups': 'Shop frontends',
        duration: '45m',
        'time-zone': 'Europe/Berlin',
      },
      { bundle: MAINTENANCE.main, action: MAINTENANCE.action },
      start,
    )) ?? 0;
  const windowId = start.run?.outputs['maintenance-id'] ?? '';
  failed +=
    (await scenario(
      'Site24x7 (3/5): end the window after deploying (inside it, Site24x7 reports "maintenance", not health)',
      `  - uses: oauth-token-action/site24x7-maintenance@v1
    with:
      operation: end
      region: eu
      access-token: \${{ steps.zoho.outputs.access-token }}
      maintenance-id: \${{ steps.window.outputs.maintenance-id }}`,
      {
        'api-url': site24x7.apiUrl,
        'access-token': accessToken,
        operation: 'end',
        'maintenance-id': windowId,
      },
      { bundle: MAINTENANCE.main, action: MAINTENANCE.action },
    )) ?? 0;
  // Ending moves the window's end to the next whole minute; the peer's clock skips that minute
  // rather than make the demo wait for it.
  site24x7.clockOffsetMs = 61_000;
  failed +=
    (await scenario(
      "Site24x7 (4/5): gate on monitor health (the peer's clock has moved past the window)",
      `  - uses: oauth-token-action/site24x7-maintenance@v1
    with:
      operation: check
      region: eu
      access-token: \${{ steps.zoho.outputs.access-token }}
      monitor-groups: Shop frontends
      wait-seconds: 300`,
      {
        'api-url': site24x7.apiUrl,
        'access-token': accessToken,
        operation: 'check',
        'monitor-groups': 'Shop frontends',
        'wait-seconds': '300',
      },
      { bundle: MAINTENANCE.main, action: MAINTENANCE.action },
    )) ?? 0;
  failed +=
    (await scenario(
      'Site24x7 (5/5): the post step when the job finishes (it ends the window if the job failed before)',
      '  (runs by itself: post-if: always())',
      { 'api-url': site24x7.apiUrl, 'access-token': accessToken },
      { bundle: MAINTENANCE.post, action: MAINTENANCE.action, state: start.run?.state },
    )) ?? 0;
  const open = [...site24x7.windows.values()].filter(
    (w) =>
      (fromWall(String(w.end_date), String(w.end_time), String(w.timezone)) ?? Infinity) >
      Date.now() + 120_000,
  );
  if (open.length) {
    console.log('A maintenance window was left open.');
    failed++;
  }
} finally {
  await peer.close();
  await site24x7.close();
}
console.log(
  failed
    ? '\nDemo failed.'
    : '\nDemo finished: every run succeeded against a real OAuth 2.0 server and a Site24x7 peer on 127.0.0.1, and no maintenance window was left open.',
);
process.exitCode = failed ? 1 : 0;

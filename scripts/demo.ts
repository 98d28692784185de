/**
 * `npm run demo`: starts a real OAuth 2.0 server (oidc-provider) on 127.0.0.1, runs the built
 * GitHub Action bundle against it exactly as the runner would (INPUT_* variables, GITHUB_OUTPUT
 * and GITHUB_ENV files), and prints what the pipeline log shows (masked) and the outputs.
 */
import { CLIENTS, startOidcPeer } from '../test/peers/oidc.js';
import { runGithub } from '../test/helpers/github.js';
import { renderRunnerLog } from '../test/helpers/render.js';

const peer = await startOidcPeer();
const SECRET_OUTPUTS = new Set(['access-token', 'authorization', 'refresh-token']);

async function scenario(title: string, yaml: string, inputs: Record<string, string>) {
  console.log(`\n=== ${title}\n\nWorkflow step:\n${yaml}\n`);
  const run = await runGithub('dist/main/index.js', inputs);
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
} finally {
  await peer.close();
}
console.log(
  failed
    ? '\nDemo failed.'
    : '\nDemo finished: both runs succeeded against a real OAuth 2.0 server on 127.0.0.1.',
);
process.exitCode = failed ? 1 : 0;

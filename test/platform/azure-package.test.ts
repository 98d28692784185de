/** The packaged .vsix holds each task's task.json and bundle, and the service connection type. */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from '../helpers/github.js';

const VSIX = join(ROOT, 'vsix', 'oauth-token-action.vsix');

test('the .vsix contains both tasks, their bundles and the OAuth 2.0 client connection type', () => {
  if (!existsSync(VSIX))
    execFileSync(process.execPath, ['scripts/package.mjs'], { cwd: ROOT, stdio: 'ignore' });
  const dir = mkdtempSync(join(tmpdir(), 'vsix-'));
  execFileSync('unzip', ['-q', VSIX, '-d', dir]);
  const list = execFileSync('unzip', ['-Z1', VSIX], { encoding: 'utf8' }).split('\n');
  for (const f of [
    'extension.vsixmanifest',
    'extension.vsomanifest',
    'OAuthTokenV1/task.json',
    'OAuthTokenV1/main/index.js',
    'OAuthTokenV1/post/index.js',
    // The job token command (oauth-token-job) that later scripts run.
    'OAuthTokenV1/job-token/index.js',
    'Site24x7MaintenanceV1/task.json',
    'Site24x7MaintenanceV1/main/index.js',
    'Site24x7MaintenanceV1/post/index.js',
    'images/icon.png',
  ]) {
    expect(list).toContain(f);
  }
  const task = JSON.parse(readFileSync(join(dir, 'OAuthTokenV1/task.json'), 'utf8'));
  expect(task.execution.Node20_1.target).toBe('main/index.js');
  expect(task.execution.Node24.target).toBe('main/index.js');
  expect(task.postjobexecution.Node24.target).toBe('post/index.js');
  for (const t of [task.execution.Node24.target, task.postjobexecution.Node24.target])
    expect(list).toContain(`OAuthTokenV1/${t}`);
  const manifest = JSON.parse(readFileSync(join(dir, 'extension.vsomanifest'), 'utf8'));
  const endpoint = manifest.contributions.find(
    (c: { type: string }) => c.type === 'ms.vss-endpoint.service-endpoint-type',
  );
  expect(endpoint.properties.name).toBe('oauth2-client');
  const secrets = endpoint.properties.authenticationSchemes.flatMap(
    (s: { inputDescriptors: Array<{ id: string; isConfidential: boolean }> }) =>
      s.inputDescriptors.filter((d) => d.isConfidential).map((d) => d.id),
  );
  expect(secrets.sort()).toEqual(['clientSecret', 'password', 'privateKey', 'refreshToken']);
  expect(task.inputs.find((i: { name: string }) => i.name === 'connection').type).toBe(
    'connectedService:oauth2-client',
  );
  const maint = JSON.parse(readFileSync(join(dir, 'Site24x7MaintenanceV1/task.json'), 'utf8'));
  expect(maint.id).not.toBe(task.id);
  expect(maint.postjobexecution.Node24.target).toBe('post/index.js');
  expect(maint.inputs.find((i: { name: string }) => i.name === 'connection').type).toBe(
    'connectedService:oauth2-client',
  );
  const tasks = manifest.contributions.filter(
    (c: { type: string }) => c.type === 'ms.vss-distributed-task.task',
  );
  expect(tasks.map((c: { properties: { name: string } }) => c.properties.name).sort()).toEqual([
    'OAuthTokenV1',
    'Site24x7MaintenanceV1',
  ]);
});

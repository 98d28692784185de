/**
 * Text a server controls (OAuth error descriptions, Site24x7 error messages, monitor names)
 * reaches logs, errors and summaries. It must not be able to run a runner command on either
 * platform: GitHub reads `::name::value` at the start of a line; the Azure Pipelines agent reads
 * `##vso[...]` anywhere in a line.
 */
import { parseVso, runAzure } from '../helpers/azure.js';
import { runGithub } from '../helpers/github.js';
import { record } from '../helpers/record.js';
import { type Site24x7Peer, startSite24x7 } from '../peers/site24x7.js';
import { sequence, type Stub, startStub } from '../peers/stub.js';

const EVIL = [
  'oops',
  '::set-output name=access-token::EVIL',
  '::add-mask::EVIL',
  '##vso[task.setvariable variable=accessToken;isOutput=true]EVIL',
  '##vso[task.complete result=Succeeded;]EVIL',
  '##[error]EVIL',
].join('\n');

const GITHUB_ALLOWED = new Set(['add-mask', 'error', 'warning', 'notice', 'debug']);

function expectGithubClean(stdout: string, files: Record<string, string>) {
  for (const line of stdout.split('\n')) {
    const m = /^::([a-z-]+)/.exec(line);
    if (m) expect(GITHUB_ALLOWED.has(m[1]!)).toBe(true);
    if (line.includes('EVIL')) {
      // Only inside our own error or log text, never as a command of its own.
      expect(line.startsWith('::add-mask::')).toBe(false);
      expect(line.slice(2)).not.toMatch(/::(set-output|add-mask|set-env|save-state)/);
    }
  }
  for (const [name, text] of Object.entries(files)) {
    if (name === 'summary.md') continue;
    expect(text).not.toContain('EVIL');
  }
}

function expectAzureClean(stdout: string) {
  for (const line of stdout.split('\n')) {
    if (!line.includes('EVIL')) continue;
    // One command per line at most, and it is ours: an issue, a debug line or the task result.
    expect(line.match(/##vso\[/g)?.length ?? 0).toBeLessThanOrEqual(1);
    expect(line).not.toMatch(/##\[/);
    if (line.includes('##vso[')) expect(line).toMatch(/^##vso\[task\.(issue|complete|debug)[ \]]/);
  }
  // What the agent would act on: no variable set from server text, no result but Failed.
  for (const c of parseVso(stdout)) {
    if (c.area === 'task.setvariable') expect(c.value).not.toContain('EVIL');
    if (c.area === 'task.complete') expect(c.props.result).toBe('Failed');
  }
}

let stub: Stub | undefined;
afterEach(async () => {
  await stub?.close();
  stub = undefined;
});

test.each(['github', 'azure'] as const)(
  '%s: an OAuth error description cannot inject commands',
  async (platform) => {
    stub = await startStub(
      sequence({ status: 400, json: { error: 'invalid_request', error_description: EVIL } }),
    );
    if (platform === 'github') {
      const r = await runGithub('dist/main/index.js', {
        'token-url': stub.url('/token'),
        'client-id': 'c',
        'client-secret': 'injection-secret-0123456789',
      });
      expect(r.code).toBe(1);
      expect(r.outputs).toEqual({});
      expectGithubClean(r.stdout, r.files);
    } else {
      const r = await runAzure('OAuthTokenV1', 'main', {
        tokenUrl: stub.url('/token'),
        clientId: 'c',
        clientSecret: 'injection-secret-0123456789',
      });
      expect(r.result?.result).toBe('Failed');
      expect(r.outputs).toEqual({});
      expectAzureClean(r.stdout);
    }
    record({ area: 'injection', what: 'OAuth error_description', platform, outcome: 'defused' });
  },
);

describe('Site24x7 text', () => {
  let peer: Site24x7Peer;
  beforeEach(async () => {
    peer = await startSite24x7();
    // A monitor whose display name is an attack, down, so it shows in errors and summaries.
    peer.monitors.push({
      monitor_id: '100000000666',
      display_name: EVIL,
      type: 'URL',
      monitor_groups: [],
      tag_ids: ['300000000001'],
    });
    peer.status.set('100000000666', 0);
  });
  afterEach(() => peer.close());

  test.each(['github', 'azure'] as const)(
    '%s: monitor names in a failed health gate and its summary',
    async (platform) => {
      if (platform === 'github') {
        const r = await runGithub(
          'dist/maintenance-main/index.js',
          {
            'api-url': peer.apiUrl,
            'access-token': peer.issue(),
            operation: 'check',
            tags: 'env:prod',
          },
          { action: 'site24x7-maintenance/action.yml' },
        );
        expect(r.code).toBe(1);
        expect(r.outputs.status).toBe('fail');
        expectGithubClean(r.stdout, r.files);
        // The summary is Markdown: the name is escaped, one table row, no raw HTML.
        expect(r.summary).not.toMatch(/\n::|##vso\[/);
      } else {
        const r = await runAzure('Site24x7MaintenanceV1', 'main', {
          apiUrl: peer.apiUrl,
          accessToken: peer.issue(),
          operation: 'check',
          tags: 'env:prod',
        });
        expect(r.result?.result).toBe('Failed');
        expect(r.outputs.status?.value).toBe('fail');
        expectAzureClean(r.stdout);
        for (const text of Object.values(r.files)) expect(text).not.toMatch(/##vso\[/);
      }
      record({ area: 'injection', what: 'Site24x7 monitor name', platform, outcome: 'defused' });
    },
  );

  test.each(['github', 'azure'] as const)('%s: a Site24x7 error message', async (platform) => {
    peer.fault = (req) =>
      req.method === 'POST'
        ? { status: 400, json: { error_code: 2101, message: EVIL } }
        : undefined;
    const inputs = { 'api-url': peer.apiUrl, 'access-token': peer.issue(), monitors: 'shop-web' };
    if (platform === 'github') {
      const r = await runGithub('dist/maintenance-main/index.js', inputs, {
        action: 'site24x7-maintenance/action.yml',
      });
      expect(r.code).toBe(1);
      expectGithubClean(r.stdout, r.files);
    } else {
      const r = await runAzure('Site24x7MaintenanceV1', 'main', {
        apiUrl: inputs['api-url'],
        accessToken: inputs['access-token'],
        monitors: 'shop-web',
      });
      expect(r.result?.result).toBe('Failed');
      expectAzureClean(r.stdout);
    }
    record({ area: 'injection', what: 'Site24x7 error message', platform, outcome: 'defused' });
  });
});

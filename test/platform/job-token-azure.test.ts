/**
 * A token that lasts the whole job (job-token) on Azure Pipelines' built task: a later script
 * step gets a valid token after the first expired (oidc-provider issuing 5-second tokens), the
 * post-job step removes the source, and with a service connection the owner decides. The
 * GitHub side and the promises they share: job-token.test.ts.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runAzure, type Connection } from '../helpers/azure.js';
import {
  later,
  mintsOf,
  reader,
  startShortLivedOidc,
  untilExpiring,
} from '../helpers/job-token.js';
import { findLeaks } from '../helpers/leaks.js';
import { CLIENTS, type OidcPeer } from '../peers/oidc.js';

let oidc: OidcPeer;
beforeAll(async () => {
  oidc = await startShortLivedOidc();
});
afterAll(() => oidc.close());
const mints = () => mintsOf(oidc);

describe('Azure Pipelines', () => {
  test('a later script gets a valid token after the first expires; one mint; post-job removes it', async () => {
    const before = mints();
    const main = await runAzure('OAuthTokenV1', 'main', {
      tokenUrl: oidc.tokenUrl,
      clientId: CLIENTS.basic.id,
      clientSecret: CLIENTS.basic.secret,
      grantType: 'client_credentials',
      scope: 'api:read',
      jobToken: 'true',
    });
    expect(main.result).toBeUndefined();
    const first = main.outputs.accessToken!.value;
    const prepend = main.commands.filter((c) => c.area === 'task.prependpath');
    expect(prepend).toHaveLength(1);
    const bin = prepend[0]!.value;
    const exported = main.commands.find(
      (c) => c.area === 'task.setvariable' && c.props.variable === 'OAUTH_TOKEN_JOB',
    )!;
    const dir = exported.value;
    expect(bin).toBe(join(dir, 'bin'));
    expect(main.taskVariables.jobSource).toBe(dir);
    // What a script step of the job has: the agent's variables, none of the task's inputs.
    const script = { OAUTH_TOKEN_JOB: dir, AGENT_TEMPDIRECTORY: main.dir };
    const r1 = await later(bin, script);
    expect(r1).toMatchObject({ code: 0, stdout: `${first}\n` });
    expect(mints() - before).toBe(1);

    await untilExpiring();
    const reads = await Promise.all([0, 1, 2].map(() => later(bin, script)));
    expect(mints() - before).toBe(2);
    const second = reads[0]!.stdout.trim();
    expect(second).not.toBe(first);
    for (const r of reads) expect(r).toMatchObject({ code: 0, stdout: `${second}\n` });
    const minted = reads.find((r) => r.stderr.includes('minted a new access token'))!;
    expect(minted.stderr).toContain(`##vso[task.setsecret]${second}`);
    // A script's failure is its exit code: never task.complete, which would end the script's
    // task for it.
    const bad = await later(bin, script, ['--format', 'xml']);
    expect(bad.code).toBe(2);
    const offline = await later(bin, { ...script }, ['--source', join(main.dir, 'nothing')]);
    expect(offline.code).toBe(1);
    // A source path is data: a forged command in it stays text.
    const forged = await reader(
      { OAUTH_TOKEN_JOB: '/tmp/##vso[task.setvariable variable=PATH]/evil' },
      { bundle: 'task/OAuthTokenV1/job-token/index.js' },
    );
    expect(forged.code).toBe(1);
    expect(forged.stderr).not.toContain('##vso[task.setvariable');
    for (const r of [...reads, bad, offline, forged]) {
      expect(r.stderr).not.toContain('##vso[task.complete');
      expect(
        findLeaks({ secret: CLIENTS.basic.secret }, [
          {
            name: 'stderr',
            text: r.stderr,
            allowLine: (l) => l.includes('##vso[task.setsecret]'),
          },
        ]),
      ).toEqual([]);
    }

    const post = await runAzure('OAuthTokenV1', 'post', {}, { taskVariables: { jobSource: dir } });
    expect(post.result).toBeUndefined();
    expect(existsSync(dir)).toBe(false);
  }, 60_000);

  test("with a service connection it is the owner's choice, and the source holds that connection only", async () => {
    const connection = (jobToken?: string): Connection => ({
      id: 'c0ffee00-1111-2222-3333-444455556666',
      scheme: 'UsernamePassword',
      params: { username: CLIENTS.basic.id, password: CLIENTS.basic.secret },
      data: { tokenUrl: oidc.tokenUrl, ...(jobToken ? { jobToken } : {}) },
    });
    const other: Connection = {
      id: '0dd0dd00-9999-8888-7777-666655554444',
      scheme: 'UsernamePassword',
      params: { username: 'other', password: 'other-connection-secret-0123456789' },
      data: {},
    };
    const refused = await runAzure(
      'OAuthTokenV1',
      'main',
      { jobToken: 'true', scope: 'api:read' },
      { connection: connection() },
    );
    expect(refused.result?.result).toBe('Failed');
    expect(refused.result?.message).toContain(
      "Input 'jobToken' is set, but this task uses a service connection, and with a connection its owner decides this input",
    );
    const allowed = await runAzure(
      'OAuthTokenV1',
      'main',
      { scope: 'api:read' },
      {
        connection: connection('true'),
        connections: { otherConnection: other },
        // The job's access token, as the agent gives it to every task, and mapped as a variable.
        variables: {
          ENDPOINT_AUTH_PARAMETER_SYSTEMVSSCONNECTION_ACCESSTOKEN: 'job-access-token-0123456789',
          SYSTEM_ACCESSTOKEN: 'job-access-token-0123456789',
        },
      },
    );
    expect(allowed.result).toBeUndefined();
    const dir = allowed.taskVariables.jobSource!;
    const source = readFileSync(join(dir, 'source.json'), 'utf8');
    expect(source).toContain(CLIENTS.basic.secret);
    expect(source).not.toContain(other.params.password);
    expect(source).not.toContain('SYSTEMVSSCONNECTION');
    expect(source).not.toContain('job-access-token-0123456789');
    const r = await later(join(dir, 'bin'), { OAUTH_TOKEN_JOB: dir });
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toBe(allowed.outputs.accessToken!.value);
    await runAzure('OAuthTokenV1', 'post', {}, { taskVariables: { jobSource: dir } });
    expect(existsSync(dir)).toBe(false);
  }, 30_000);
});

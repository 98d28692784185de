/**
 * The self-test job of .github/workflows/ci.yml, run here the way the runner runs it: its
 * `run:` steps in bash with the job's environment (and $GITHUB_ENV read back after each), its
 * `uses: ./...` steps as the built bundles with their `with:` inputs (expressions for env and
 * step outputs evaluated), and at the end the post steps of the actions used, in reverse order,
 * with their saved state. Checkout, setup-node and `npm ci` are this checkout's own.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { parseFileCommands, ROOT, runGithub } from './helpers/github.js';

interface Step {
  name?: string;
  id?: string;
  uses?: string;
  run?: string;
  with?: Record<string, string>;
  env?: Record<string, string>;
}

const ACTIONS: Record<string, { action: string; main: string; post: string }> = {
  './': { action: 'action.yml', main: 'dist/main/index.js', post: 'dist/post/index.js' },
  './site24x7-maintenance': {
    action: 'site24x7-maintenance/action.yml',
    main: 'dist/maintenance-main/index.js',
    post: 'dist/maintenance-post/index.js',
  },
};

/** The peers the job started (they write their own pid): stopped after the test. */
let peersPid: number | undefined;
afterAll(() => {
  if (peersPid) {
    try {
      process.kill(peersPid, 'SIGTERM');
    } catch {
      /* already gone */
    }
  }
  for (const f of ['peers.env', 'peers.log']) rmSync(join(ROOT, f), { force: true });
});

interface Job {
  needs?: string;
  outputs?: Record<string, string>;
  steps: Step[];
}

test("the ci workflow's self-test jobs pass when run here as the runner runs them", async () => {
  const workflow = parse(readFileSync(join(ROOT, '.github/workflows/ci.yml'), 'utf8')) as {
    jobs: Record<string, Job>;
  };
  const jobOutputs: Record<string, Record<string, string>> = {};
  const ran: string[] = [];
  let token = '';
  for (const name of ['self-test', 'self-test-consumer']) {
    const job = workflow.jobs[name]!;
    const r = await runJob(job, jobOutputs);
    ran.push(...r.ran);
    jobOutputs[name] = r.jobOutputs;
    if (name === 'self-test') token = r.outputs.token!['access-token']!;
  }
  expect(ran.filter((s) => s === 'Check the outputs')).toHaveLength(2);
  // A run step found the job token command on PATH (GITHUB_PATH) and got the kept token.
  expect(ran).toContain('A token from the job token source (oauth-token-job on PATH)');
  // The envelope crossed to the other job as a plain job output.
  expect(jobOutputs['self-test']!.envelope).toMatch(/^[A-Za-z0-9_-]{100,}$/);
  expect(token).toMatch(/^1000\./);
}, 120_000);

async function runJob(job: Job, needs: Record<string, Record<string, string>>) {
  const steps = job.steps;
  const env: Record<string, string> = {};
  const outputs: Record<string, Record<string, string>> = {};
  const posts: Array<{
    step: string;
    bundle: string;
    action: string;
    state: Record<string, string>;
  }> = [];
  const expand = (v: string) =>
    v.replace(/\$\{\{\s*([^}]+?)\s*\}\}/g, (_, expr: string) => {
      const e = /^env\.(\w+)$/.exec(expr);
      if (e) return env[e[1]!] ?? '';
      const o = /^steps\.([\w-]+)\.outputs\.([\w-]+)$/.exec(expr);
      if (o) return outputs[o[1]!]?.[o[2]!] ?? '';
      const n = /^needs\.([\w-]+)\.outputs\.([\w-]+)$/.exec(expr);
      if (n) return needs[n[1]!]?.[n[2]!] ?? '';
      throw new Error(`expression not emulated: ${expr}`);
    });
  const ran: string[] = [];
  /** Folders the steps put on PATH (GITHUB_PATH), newest first, as the runner prepends them. */
  const paths: string[] = [];
  /** Values the job's steps registered with ::add-mask::, as the runner keeps them. */
  const masks: string[] = [];
  for (const step of steps) {
    if (step.uses?.startsWith('actions/') || step.run?.startsWith('npm ci')) continue;
    if (step.run) {
      const dir = mkdtempSync(join(tmpdir(), 'selftest-run-'));
      const githubEnv = join(dir, 'env');
      writeFileSync(githubEnv, '');
      const stepEnv = Object.fromEntries(
        Object.entries(step.env ?? {}).map(([k, v]) => [k, expand(String(v))]),
      );
      const r = spawnSync('bash', ['-e', '-c', step.run], {
        cwd: ROOT,
        env: {
          ...process.env,
          NODE_OPTIONS: '',
          ...env,
          ...stepEnv,
          GITHUB_ENV: githubEnv,
          PATH: [...paths, process.env.PATH].join(':'),
        },
        encoding: 'utf8',
        timeout: 60_000,
      });
      expect({ step: step.name, status: r.status, stderr: r.status ? r.stderr : '' }).toEqual({
        step: step.name,
        status: 0,
        stderr: '',
      });
      Object.assign(env, parseFileCommands(readFileSync(githubEnv, 'utf8')));
      if (env.PEERS_PID) peersPid = Number(env.PEERS_PID);
      ran.push(step.name ?? step.run);
      continue;
    }
    const a = ACTIONS[step.uses ?? ''];
    if (!a) throw new Error(`step not emulated: ${step.uses}`);
    const inputs = Object.fromEntries(
      Object.entries(step.with ?? {}).map(([k, v]) => [k, expand(String(v))]),
    );
    const r = await runGithub(a.main, inputs, { action: a.action, env });
    expect({ step: step.name, code: r.code, stderr: r.stderr }).toEqual({
      step: step.name,
      code: 0,
      stderr: '',
    });
    if (step.id) outputs[step.id] = r.outputs;
    for (const m of r.stdout.matchAll(/^::add-mask::(.+)$/gm)) masks.push(m[1]!);
    Object.assign(env, r.env);
    paths.unshift(...r.paths.reverse());
    posts.push({ step: step.name ?? a.main, bundle: a.post, action: a.action, state: r.state });
    ran.push(step.name ?? a.main);
  }

  // Post steps, last first, as the runner runs them at the end of the job.
  for (const post of posts.reverse()) {
    const r = await runGithub(post.bundle, {}, { action: post.action, env, state: post.state });
    expect({ post: post.step, code: r.code, stderr: r.stderr }).toEqual({
      post: post.step,
      code: 0,
      stderr: '',
    });
  }
  return {
    ran,
    outputs,
    // The runner drops a job output that contains a masked value ("Skip output since it may
    // contain secret").
    jobOutputs: Object.fromEntries(
      Object.entries(job.outputs ?? {})
        .map(([k, v]) => [k, expand(String(v))] as const)
        .filter(([, v]) => !masks.some((m) => v.includes(m))),
    ),
  };
}

/** The GitHub Actions adapter, over @actions/core (its modules, see actions-core.ts). */
import { readFileSync } from 'node:fs';
import * as core from './actions-core.js';
import { envProxyAgent } from './proxy-env.js';
import { t } from '../core/text.js';
import { StepError } from '../core/errors.js';
import { SecretRegistry } from './secrets.js';
import type { Platform } from './types.js';

export interface GithubOptions {
  /**
   * The secrets store, for the token step's write-back: given only by that entry point, so only
   * its bundle carries the sealing code (libsodium), loaded when write-back is on.
   */
  secretStores?: () => Promise<typeof import('./github-secrets.js')>;
}

export function githubPlatform(
  env: NodeJS.ProcessEnv = process.env,
  opts: GithubOptions = {},
): Platform {
  const { secretStores } = opts;
  const secrets = new SecretRegistry();
  const clean = (m: string) => secrets.clean(m);
  const setSecret = (value: string) => {
    for (const form of secrets.add(value)) core.setSecret(form);
  };

  return {
    id: 'github',
    get: (key) => core.getInput(key),
    label: (key) => key,
    log: secrets.logger({
      debug: core.debug,
      info: core.info,
      notice: (m) => core.notice(m),
      warning: (m) => core.warning(m),
    }),
    setSecret,
    outputName: (key) => `the ${key} output`,
    setOutput: (key, value) => core.setOutput(key, value),
    exportVariable: (name, value) => core.exportVariable(name, value),
    saveState: (key, value) => core.saveState(key, value),
    getState: (key) => core.getState(key),
    async writeSummary(markdown) {
      if (!env.GITHUB_STEP_SUMMARY) return;
      const summary = await core.loadSummary();
      await summary.addRaw(clean(markdown), true).write();
    },
    fail: (m) => core.setFailed(clean(m)),
    transport: () => ({
      // https_proxy / http_proxy / no_proxy, read by @actions/http-client's own rules. Direct
      // connections need no agent; only a configured proxy loads the tunnel code.
      agentFor: (url) => envProxyAgent(url, setSecret),
    }),
    requestIdToken: async (audience, rt, limits) =>
      (await import('./github-oidc.js')).githubIdToken(env, setSecret, audience, rt, limits),
    deploymentStatus: async (id, token, status, rt, limits) => {
      const repository = env.GITHUB_REPOSITORY;
      if (!repository)
        throw new StepError('input', 'GITHUB_REPOSITORY is not set: no deployment to report on.');
      return (await import('./github-deployments.js')).postDeploymentStatus(
        { apiUrl: env.GITHUB_API_URL || 'https://api.github.com', repository },
        id,
        token,
        status,
        rt,
        limits,
      );
    },
    ...(secretStores
      ? {
          secretStore: async (name, inputs, rt, limits) => {
            const repository = env.GITHUB_REPOSITORY;
            if (!repository) return undefined;
            return (await secretStores()).githubSecretStore(
              { apiUrl: env.GITHUB_API_URL || 'https://api.github.com', repository },
              name,
              inputs,
              setSecret,
              rt,
              limits,
            );
          },
        }
      : {}),
    jobTemp: () => env.RUNNER_TEMP || undefined,
    // A later run step has none of this step's INPUT_* variables; the OIDC request variables
    // are given to every step with id-token: write, and kept in case a later one lacks them.
    handoffEnv: () =>
      Object.fromEntries(
        Object.entries(env).filter(
          (e): e is [string, string] =>
            typeof e[1] === 'string' && /^(INPUT_|ACTIONS_ID_TOKEN_REQUEST_)/.test(e[0]),
        ),
      ),
    addPath: (dir) => core.addPath(dir),
    triggeringRun: () => workflowRunTrigger(env),
    triggerHint: (runInput) =>
      t`open an envelope of another workflow in a run its completion started (on: workflow_run), with ${runInput} set to ${'${{ github.event.workflow_run.id }}'}`,
    runInfo: () => {
      const server = env.GITHUB_SERVER_URL || 'https://github.com';
      const repo = env.GITHUB_REPOSITORY;
      return {
        source: repo,
        run: env.GITHUB_RUN_NUMBER,
        url:
          repo && env.GITHUB_RUN_ID
            ? `${server}/${repo}/actions/runs/${env.GITHUB_RUN_ID}`
            : undefined,
        sha: env.GITHUB_SHA,
        binding:
          repo && env.GITHUB_RUN_ID
            ? { scope: `${hostOf(server)}/${repo}`, run: env.GITHUB_RUN_ID }
            : undefined,
      };
    },
  };
}

/**
 * A workflow_run event names the run that triggered this one; the runner writes the event
 * payload, so the run id is proven when that run belongs to this same repository.
 */
function workflowRunTrigger(env: NodeJS.ProcessEnv): { run: string; how: string } | undefined {
  if (env.GITHUB_EVENT_NAME !== 'workflow_run' || !env.GITHUB_EVENT_PATH) return undefined;
  let event: { workflow_run?: { id?: unknown; repository?: { full_name?: unknown } } };
  try {
    event = JSON.parse(readFileSync(env.GITHUB_EVENT_PATH, 'utf8')) as typeof event;
  } catch {
    return undefined;
  }
  const run = event.workflow_run;
  if (typeof run?.id !== 'number' || run.repository?.full_name !== env.GITHUB_REPOSITORY)
    return undefined;
  return { run: String(run.id), how: 'the workflow_run event that started this run' };
}

function hostOf(serverUrl: string): string {
  try {
    return new URL(serverUrl).host;
  } catch {
    return serverUrl;
  }
}

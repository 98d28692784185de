/**
 * What a CI platform offers a step, and nothing more. One adapter per platform (github.ts,
 * azure.ts, and cli.ts for the command line) implements it; steps and core code see only this.
 */
import type { ErrorKind, StepError } from '../core/errors.js';
import type { TransportOptions } from '../core/net/http.js';
import type { Inputs, InputSource } from '../core/inputs.js';
import type { RestLimits } from '../core/net/rest.js';
import type { Logger, RunInfo, Runtime } from '../core/runtime.js';
import type { TokenStore } from '../core/token-cache.js';
import type { SecretStore } from '../core/writeback/store.js';

export type { RunInfo };

/** A deployment's state as GitHub names it, with a short description. */
export interface DeploymentStatus {
  state: 'in_progress' | 'success' | 'failure' | 'error';
  description: string;
  logUrl?: string;
}

export interface Platform extends InputSource {
  readonly id: 'github' | 'azure' | 'cli';
  readonly log: Logger;
  /**
   * Register a value with the runner so it is masked from now on. Must be called before the
   * value (or anything derived from it) is written anywhere.
   */
  setSecret(value: string): void;
  /** How a user reads an output here, for messages: `the refreshToken output variable`. */
  outputName(key: string): string;
  /** A step output, by canonical kebab-case key (the adapter applies its naming). */
  setOutput(key: string, value: string, opts?: { secret?: boolean }): void;
  /** An environment variable for later steps. */
  exportVariable(name: string, value: string, opts?: { secret?: boolean }): void;
  /** State for this step's post/cleanup run. */
  saveState(key: string, value: string, opts?: { secret?: boolean }): void;
  getState(key: string): string;
  /** Markdown for the run's summary page. */
  writeSummary(markdown: string): Promise<void>;
  /**
   * Mark the step failed with a message (the adapter sets the exit status or result), and how
   * it was classified when known (the command line maps `input` to its usage exit code).
   */
  fail(message: string, kind?: ErrorKind): void;
  /** Proxy and TLS settings for outgoing requests. */
  transport(): TransportOptions;
  /**
   * Where minted access tokens are kept for later runs to reuse (core/token-cache.ts), if this
   * platform keeps them: the command line's cache. Pipelines keep none (yet).
   */
  tokenStore?: TokenStore;
  runInfo(): RunInfo;
  /**
   * The CI platform's own secret store, where a rotated refresh token is written back: the
   * secret `name`, where this platform's own inputs say it is. Absent where there is none to
   * write (the command line) or the entry point does not write back; undefined when this run
   * does not say where (no repository or project).
   */
  secretStore?(
    name: string,
    inputs: Inputs,
    rt: Runtime,
    limits: RestLimits,
  ): Promise<SecretStore | undefined>;
  /**
   * The run that triggered this one, as the runner proves it (GitHub: the workflow_run event's
   * run of the same repository; Azure Pipelines: the pipeline resource run that triggered this
   * one), for opening a token envelope sealed there. Absent when nothing proves one.
   */
  triggeringRun?(): { run: string; how: string } | undefined;
  /** How to make such a run here, for the error when none proves one (`runInput` its label). */
  triggerHint?(runInput: string): string;
  /**
   * This job's own OIDC token from the CI platform, for the audience (federated
   * authentication), registered as a secret by the caller. When the job may not have one, an
   * input error that says what it lacks (a permission, an agent setting, or a workstation).
   */
  requestIdToken(audience: string, rt: Runtime, limits: RestLimits): Promise<string>;
  /**
   * Report a gate's progress and verdict on the deployment it decides (GitHub's deployment
   * statuses). Absent where the platform has no such thing.
   */
  deploymentStatus?(
    deploymentId: string,
    token: string,
    status: DeploymentStatus,
    rt: Runtime,
    limits: RestLimits,
  ): Promise<void>;
  /**
   * The job's own temporary folder, which the runner empties when the job ends (GitHub:
   * RUNNER_TEMP; Azure Pipelines: Agent.TempDirectory), for the job token source. Absent where
   * there is no job (the command line); undefined when the runner gives none.
   */
  jobTemp?(): string | undefined;
  /**
   * What a later step of the job needs to replay this step's settings (its inputs, and on Azure
   * the connection and job variables a script step is not given), for the job token source.
   * Secret values included: the source that keeps them is private to the job's user. The job's
   * own access token to the CI platform only when `needs` says a later mint uses it.
   */
  handoffEnv?(needs?: { jobAccessToken?: boolean }): Record<string, string>;
  /** Put a folder first on PATH for the steps after this one. */
  addPath?(dir: string): void;
  /**
   * Why this platform can never issue a CI token the server accepts, said before anything is
   * sent (Azure DevOps fixes its tokens' audience). Absent: any audience can be asked for.
   */
  idTokenAudienceProblem?(
    audience: string,
    server: { title: string; issuerOnly: boolean },
  ): StepError | undefined;
}

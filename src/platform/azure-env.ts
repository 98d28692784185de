/**
 * Imported before azure-pipelines-task-lib: on load, task-lib moves INPUT_*, ENDPOINT_AUTH_*,
 * SECRET_* and VSTS_TASKVARIABLE_* into its vault and deletes them from the environment, and
 * its getters print raw values to the debug log. Keeping our own copy lets the adapter read
 * inputs and task variables without that echo, and register every secret with the agent
 * before any getter could print it.
 */
export const agentEnv: Readonly<Record<string, string>> = Object.freeze(
  Object.fromEntries(
    Object.entries(process.env).filter(
      (e): e is [string, string] =>
        typeof e[1] === 'string' &&
        /^(INPUT_|ENDPOINT_AUTH_PARAMETER_|VSTS_TASKVARIABLE_|SECRET_AGENT_PROXYPASSWORD$)/.test(
          e[0],
        ),
    ),
  ),
);

/**
 * The whole environment the agent gave this task, as it was before task-lib's vault took the
 * secrets out of it: what a later script step needs to replay this step (Platform.handoffEnv).
 */
export const stepEnv: Readonly<Record<string, string>> = Object.freeze(
  Object.fromEntries(
    Object.entries(process.env).filter((e): e is [string, string] => typeof e[1] === 'string'),
  ),
);

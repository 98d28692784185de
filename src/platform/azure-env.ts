/**
 * The environment the agent gave a task, copied before azure-pipelines-task-lib loads its data:
 * that load moves INPUT_*, ENDPOINT_AUTH_*, SECRET_* and VSTS_TASKVARIABLE_* into its vault and
 * deletes them from the environment, and its getters print raw values to the debug log. With
 * its own copy the adapter reads inputs and task variables without that echo, and registers
 * every secret with the agent before any getter could print it.
 */
export interface AgentEnv {
  /** The inputs, connection auth parameters, task variables and the agent's proxy password. */
  agentEnv: Readonly<Record<string, string>>;
  /**
   * The whole environment, as it was before task-lib's vault took the secrets out of it: what
   * a later script step needs to replay this step (Platform.handoffEnv).
   */
  stepEnv: Readonly<Record<string, string>>;
}

export function readAgentEnv(env: NodeJS.ProcessEnv = process.env): AgentEnv {
  const all = Object.entries(env).filter((e): e is [string, string] => typeof e[1] === 'string');
  return {
    agentEnv: Object.freeze(
      Object.fromEntries(
        all.filter(([k]) =>
          /^(INPUT_|ENDPOINT_AUTH_PARAMETER_|VSTS_TASKVARIABLE_|SECRET_AGENT_PROXYPASSWORD$)/.test(
            k,
          ),
        ),
      ),
    ),
    stepEnv: Object.freeze(Object.fromEntries(all)),
  };
}

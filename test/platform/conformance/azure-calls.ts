/**
 * One sequence of agent calls, made through either our azure-pipelines-task-lib shortcut
 * (azure-ours.ts) or the library's public task.js (azure-library.ts). The conformance test
 * bundles each into one CommonJS file, as the tasks ship, and runs both.
 */
export interface AgentCalls {
  setSecret(value: string): void;
  setVariable(name: string, value: string, secret: boolean, isOutput: boolean): void;
  setTaskVariable(name: string, value: string, secret: boolean): void;
  debug(message: string): void;
  warning(message: string): void;
  error(message: string): void;
  /** The two where task.js names or shapes them differently. */
  scheme(id: string): string | undefined;
  data(id: string, key: string): string | undefined;
  summary(name: string, path: string): void;
  fail(message: string): void;
}

const ID = 'c0ffee00-1111-2222-3333-444455556666';

export function callAgent(api: AgentCalls): void {
  api.setSecret('plain-secret-0123');
  api.setSecret('spécial %;]:: secret');
  api.setVariable('outPlain', 'a b %;] ::x', false, true);
  api.setVariable('outSecret', 'secret-value-0123', true, true);
  api.setVariable('envPlain', 'v %', false, false);
  api.setTaskVariable('stateToken', 'task-secret-0123', true);
  api.setTaskVariable('statePlain', '1767225600000', false);
  api.debug('debug %\n line');
  api.warning('warning\r\nnext %25');
  api.error('error,;]');
  api.scheme(ID);
  api.data(ID, 'provider');
  api.summary('Site24x7 maintenance window 9001', '/tmp/summary.md');
  api.fail('failed: reason %');
  process.stdout.write(`env=${JSON.stringify(process.env.ENVPLAIN)}\n`);
}

/**
 * One sequence of agent calls, made through either our azure-pipelines-task-lib shortcut
 * (src/platform/task-lib.ts) or the library's public task.js, chosen by argv[2]. The
 * conformance test runs both and compares what the agent would see.
 */
const which = process.argv[2];
const ID = 'c0ffee00-1111-2222-3333-444455556666';

if (which === 'ours') {
  const tl = await import('../../../src/platform/task-lib.js');
  tl.setSecret('plain-secret-0123');
  tl.setSecret('spécial %;]:: secret');
  tl.setVariable('outPlain', 'a b %;] ::x', false, true);
  tl.setVariable('outSecret', 'secret-value-0123', true, true);
  tl.setVariable('envPlain', 'v %', false, false);
  tl.setTaskVariable('stateToken', 'task-secret-0123', true);
  tl.setTaskVariable('statePlain', '1767225600000', false);
  tl.debug('debug %\n line');
  tl.warning('warning\r\nnext %25');
  tl.error('error,;]');
  tl.getEndpointAuthorizationScheme(ID);
  tl.getEndpointDataParameter(ID, 'provider');
  tl.uploadSummary('/tmp/summary.md');
  tl.setFailed('failed: reason %');
} else {
  const tl = await import('azure-pipelines-task-lib/task.js');
  tl.setSecret('plain-secret-0123');
  tl.setSecret('spécial %;]:: secret');
  tl.setVariable('outPlain', 'a b %;] ::x', false, true);
  tl.setVariable('outSecret', 'secret-value-0123', true, true);
  tl.setVariable('envPlain', 'v %', false, false);
  tl.setTaskVariable('stateToken', 'task-secret-0123', true);
  tl.setTaskVariable('statePlain', '1767225600000', false);
  tl.debug('debug %\n line');
  tl.warning('warning\r\nnext %25');
  tl.error('error,;]');
  tl.getEndpointAuthorizationScheme(ID, true);
  tl.getEndpointDataParameter(ID, 'provider', true);
  tl.uploadSummary('/tmp/summary.md');
  tl.setResult(tl.TaskResult.Failed, 'failed: reason %');
}
process.stdout.write(`env=${JSON.stringify(process.env.ENVPLAIN)}\n`);

/**
 * One sequence of agent calls, made through either our azure-pipelines-task-lib shortcut
 * (src/platform/task-lib.ts) or the library's public task.js, chosen by argv[2]. Bundled by the
 * conformance test with ncc, as the tasks ship (CommonJS), then run once for each.
 */
import * as lib from 'azure-pipelines-task-lib/task.js';
import * as ours from '../../../src/platform/task-lib.js';

const ID = 'c0ffee00-1111-2222-3333-444455556666';

if (process.argv[2] === 'ours') {
  ours.setSecret('plain-secret-0123');
  ours.setSecret('spécial %;]:: secret');
  ours.setVariable('outPlain', 'a b %;] ::x', false, true);
  ours.setVariable('outSecret', 'secret-value-0123', true, true);
  ours.setVariable('envPlain', 'v %', false, false);
  ours.setTaskVariable('stateToken', 'task-secret-0123', true);
  ours.setTaskVariable('statePlain', '1767225600000', false);
  ours.debug('debug %\n line');
  ours.warning('warning\r\nnext %25');
  ours.error('error,;]');
  ours.getEndpointAuthorizationScheme(ID);
  ours.getEndpointDataParameter(ID, 'provider');
  ours.uploadSummary('/tmp/summary.md');
  ours.setFailed('failed: reason %');
} else {
  lib.setSecret('plain-secret-0123');
  lib.setSecret('spécial %;]:: secret');
  lib.setVariable('outPlain', 'a b %;] ::x', false, true);
  lib.setVariable('outSecret', 'secret-value-0123', true, true);
  lib.setVariable('envPlain', 'v %', false, false);
  lib.setTaskVariable('stateToken', 'task-secret-0123', true);
  lib.setTaskVariable('statePlain', '1767225600000', false);
  lib.debug('debug %\n line');
  lib.warning('warning\r\nnext %25');
  lib.error('error,;]');
  lib.getEndpointAuthorizationScheme(ID, true);
  lib.getEndpointDataParameter(ID, 'provider', true);
  lib.uploadSummary('/tmp/summary.md');
  lib.setResult(lib.TaskResult.Failed, 'failed: reason %');
}
process.stdout.write(`env=${JSON.stringify(process.env.ENVPLAIN)}\n`);

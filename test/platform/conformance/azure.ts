/**
 * One sequence of agent calls, made through either our azure-pipelines-task-lib shortcut
 * (src/platform/task-lib.ts) or the library's public task.js, chosen by argv[2]. Bundled by the
 * conformance test into one CommonJS file, as the tasks ship, then run once for each.
 */
import * as lib from 'azure-pipelines-task-lib/task.js';
import * as ours from '../../../src/platform/task-lib.js';

const ID = 'c0ffee00-1111-2222-3333-444455556666';

/** The calls both sides share, and the two where task.js names or shapes them differently. */
const api =
  process.argv[2] === 'ours'
    ? {
        ...ours,
        scheme: (id: string) => ours.getEndpointAuthorizationScheme(id),
        data: (id: string, key: string) => ours.getEndpointDataParameter(id, key),
        fail: (message: string) => ours.setFailed(message),
        summary: (name: string, path: string) => ours.addSummary(name, path),
      }
    : {
        ...lib,
        scheme: (id: string) => lib.getEndpointAuthorizationScheme(id, true),
        data: (id: string, key: string) => lib.getEndpointDataParameter(id, key, true),
        fail: (message: string) => lib.setResult(lib.TaskResult.Failed, message),
        summary: (name: string, path: string) =>
          lib.addAttachment('Distributedtask.Core.Summary', name, path),
      };

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

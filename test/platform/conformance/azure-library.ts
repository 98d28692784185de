/** The agent calls of azure-calls.ts through the library's public task.js (which loads on import). */
import * as lib from 'azure-pipelines-task-lib/task.js';
import { callAgent } from './azure-calls.js';

callAgent({
  ...lib,
  scheme: (id) => lib.getEndpointAuthorizationScheme(id, true),
  data: (id, key) => lib.getEndpointDataParameter(id, key, true),
  fail: (message) => lib.setResult(lib.TaskResult.Failed, message),
  summary: (name, path) => lib.addAttachment('Distributedtask.Core.Summary', name, path),
});

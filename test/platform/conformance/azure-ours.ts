/** The agent calls of azure-calls.ts through our task-lib shortcut, loaded as the adapter loads it. */
import * as ours from '../../../src/platform/task-lib.js';
import { callAgent } from './azure-calls.js';

ours.loadAgentData();
callAgent({
  ...ours,
  scheme: (id) => ours.getEndpointAuthorizationScheme(id),
  data: (id, key) => ours.getEndpointDataParameter(id, key),
  fail: (message) => ours.setFailed(message),
  summary: (name, path) => ours.addSummary(name, path),
});

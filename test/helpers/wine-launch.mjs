// Runs a bundle on Node for Windows under Wine with the environment a runner would give it.
// Wine drops environment variables whose names hold '-' (INPUT_CLIENT-ID), which real
// runners pass, so the environment comes from a JSON file and is assigned here: assigning to
// process.env on win32 also gives Windows' case-insensitive environment names.
// Usage: node.exe wine-launch.mjs ENV.json BUNDLE.js
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

const env = JSON.parse(readFileSync(process.argv[2], 'utf8'));
// What the Linux side leaked into Wine's environment is not the runner's.
const RUNNER =
  /^(INPUT_|GITHUB_|RUNNER_|STATE_|AGENT_|SYSTEM_|BUILD_|ENDPOINT_|SECRET_|VSTS_|TF_|OAUTH_)/i;
for (const k of Object.keys(process.env)) if (RUNNER.test(k)) delete process.env[k];
Object.assign(process.env, env);
const bundle = process.argv[3];
process.argv.splice(1, 3, bundle);
await import(pathToFileURL(bundle).href);

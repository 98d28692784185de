/**
 * `npm run peers`: start the project's loopback peers (the Site24x7 API with its Zoho token
 * endpoint, as the tests and the demo use it) and keep them running until SIGINT or SIGTERM,
 * or for `--seconds N`. Their addresses and the test client's credentials are printed, and
 * written as NAME=value lines to `--write-env FILE` once they listen, for a workflow to append
 * to $GITHUB_ENV (the self-test job in .github/workflows/ci.yml does).
 *
 * Everything listens on 127.0.0.1 only; the credentials are made up for this run.
 */
import { writeFileSync } from 'node:fs';
import { startSite24x7 } from '../test/peers/site24x7.js';

const arg = (name: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : undefined;
};

const peer = await startSite24x7();
const env: Record<string, string> = {
  PEERS_TOKEN_URL: peer.tokenUrl,
  PEERS_API_URL: peer.apiUrl,
  PEERS_CLIENT_ID: peer.client.id,
  PEERS_CLIENT_SECRET: peer.client.secret,
  PEERS_REFRESH_TOKEN: peer.client.refreshToken,
  /** This process, to stop the peers with SIGTERM when done. */
  PEERS_PID: String(process.pid),
};
const lines = Object.entries(env).map(([k, v]) => `${k}=${v}`);
const file = arg('write-env');
if (file) writeFileSync(file, `${lines.join('\n')}\n`);
console.log(
  `Peers listening on 127.0.0.1:\n${lines.filter((l) => !/SECRET|TOKEN=/.test(l) || l.startsWith('PEERS_TOKEN_URL')).join('\n')}`,
);

let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  await peer.close();
  process.exit(0);
};
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
const seconds = Number(arg('seconds') ?? 0);
if (seconds > 0) setTimeout(() => void stop(), seconds * 1000);

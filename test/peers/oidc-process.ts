/**
 * oidc-provider in a process of its own. Its client keystore checks fail inside jest's module
 * VM (cross-realm objects), so the private_key_jwt tests run the certified server here, as a
 * real deployment would: `tsx test/peers/oidc-process.ts '<options JSON>'` prints one JSON line
 * `{"ready":{"tokenUrl":...}}`, then one `{"request":{...}}` line per request it receives.
 */
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { type SeenRequest, startOidcPeer } from './oidc.js';

type Options = Parameters<typeof startOidcPeer>[0];

export interface OidcProcess {
  tokenUrl: string;
  requests: SeenRequest[];
  close(): Promise<void>;
}

/** Start the child and wait until it listens. */
export function startOidcProcess(opts: Options): Promise<OidcProcess> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', fileURLToPath(import.meta.url), JSON.stringify(opts)],
    { stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, NODE_OPTIONS: '' } },
  );
  const requests: SeenRequest[] = [];
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('oidc-process did not start')), 20_000);
    createInterface({ input: child.stdout! }).on('line', (line) => {
      const msg = JSON.parse(line) as { ready?: { tokenUrl: string }; request?: SeenRequest };
      if (msg.request) requests.push(msg.request);
      if (msg.ready) {
        clearTimeout(timer);
        resolve({
          tokenUrl: msg.ready.tokenUrl,
          requests,
          close: () =>
            new Promise<void>((r) => {
              child.once('exit', () => r());
              child.kill('SIGTERM');
            }),
        });
      }
    });
    child.once('exit', (code) => reject(new Error(`oidc-process exited with ${code}`)));
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const peer = await startOidcPeer(JSON.parse(process.argv[2] ?? '{}') as Options);
  let seen = 0;
  setInterval(() => {
    for (; seen < peer.requests.length; seen++)
      process.stdout.write(`${JSON.stringify({ request: peer.requests[seen] })}\n`);
  }, 5).unref();
  process.stdout.write(`${JSON.stringify({ ready: { tokenUrl: peer.tokenUrl } })}\n`);
  process.on('SIGTERM', () => void peer.close().then(() => process.exit(0)));
}

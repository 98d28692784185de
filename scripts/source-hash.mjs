// What a set of bundles is built from, as one SHA-256 over the files' contents (line endings
// normalised, so a Windows checkout hashes the same): the build records it beside its output
// and the tests' global setup compares it, so a fresh clone, whose file times say nothing,
// rebuilds only when the sources really differ from what the bundles were built from.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

function files(dir) {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : [join(dir, e.name)]))
    .filter((f) => !/\/\.[^/]*\.entry\.cjs$/.test(f.replaceAll('\\', '/')));
}

/** The inputs of each platform's bundles. */
export function sourcesOf(platform) {
  const common = [...files('src'), 'package-lock.json', 'tsconfig.json', 'scripts/build.mjs'];
  return platform === 'github'
    ? common
    : [
        ...common,
        'scripts/package.mjs',
        'task/vss-extension.json',
        'task/OAuthTokenV1/task.json',
        'task/Site24x7MaintenanceV1/task.json',
      ];
}

export function sourceHash(platform) {
  const h = createHash('sha256');
  for (const f of sourcesOf(platform)
    .map((p) => p.replaceAll('\\', '/'))
    .sort()) {
    h.update(`${f}\n`);
    h.update(existsSync(f) ? readFileSync(f, 'utf8').replace(/\r\n/g, '\n') : '(missing)');
    h.update('\n');
  }
  return h.digest('hex');
}

/** Where each platform's build records the hash it was built from. */
export const HASH_FILE = { github: 'dist/.source-hash', azure: 'vsix/.source-hash' };

// Bundles every entry point with @vercel/ncc. GitHub bundles go to dist/ (committed);
// Azure DevOps task bundles go into their task folders under task/ (build output).
// Usage: node scripts/build.mjs [github|azure]...
import ncc from '@vercel/ncc';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { HASH_FILE, sourceHash } from './source-hash.mjs';
import { basename, dirname, join } from 'node:path';

export const ENTRIES = [
  { platform: 'github', src: 'src/entries/github/token-main.ts', out: 'dist/main' },
  { platform: 'github', src: 'src/entries/github/token-post.ts', out: 'dist/post' },
  { platform: 'github', src: 'src/entries/github/job-token.ts', out: 'dist/job-token' },
  { platform: 'azure', src: 'src/entries/azure/token-main.ts', out: 'task/OAuthTokenV1/main' },
  { platform: 'azure', src: 'src/entries/azure/token-post.ts', out: 'task/OAuthTokenV1/post' },
  {
    platform: 'azure',
    src: 'src/entries/azure/job-token.ts',
    out: 'task/OAuthTokenV1/job-token',
  },
  {
    platform: 'github',
    src: 'src/entries/github/maintenance-main.ts',
    out: 'dist/maintenance-main',
  },
  {
    platform: 'github',
    src: 'src/entries/github/maintenance-post.ts',
    out: 'dist/maintenance-post',
  },
  { platform: 'github', src: 'src/entries/cli.ts', out: 'dist/cli' },
  {
    platform: 'azure',
    src: 'src/entries/azure/maintenance-main.ts',
    out: 'task/Site24x7MaintenanceV1/main',
  },
  {
    platform: 'azure',
    src: 'src/entries/azure/maintenance-post.ts',
    out: 'task/Site24x7MaintenanceV1/post',
  },
];

// Bundles are CommonJS: on Node 20 an ES-module bundle costs ~6 ms more to load (~3 ms on
// Node 24), and nothing here needs ES-module semantics at run time. ncc emits CommonJS for a
// .cjs entry, so each build goes through a one-line .cjs shim beside the TypeScript entry.
async function bundle({ src, out }) {
  const started = Date.now();
  const shim = join(process.cwd(), dirname(src), `.${basename(src, '.ts')}.entry.cjs`);
  await writeFile(shim, `require('./${basename(src)}');\n`);
  let result;
  try {
    result = await ncc(shim, {
      minify: true,
      // Source maps ship beside each bundle, but are not registered at start-up: the register
      // hook costs 13 ms per GitHub run and ~75 ms per Azure run (task-lib's promise library
      // reads stack traces while loading, and each read parses the whole map). For mapped
      // stack traces, set NODE_OPTIONS=--enable-source-maps on the step.
      sourceMap: true,
      sourceMapRegister: false,
      license: 'licenses.txt',
      quiet: true,
      // Deterministic output: no cache between builds.
      cache: false,
    });
  } finally {
    await rm(shim, { force: true });
  }
  const { map, assets } = result;
  const code = result.code.replace(
    /\/\/# sourceMappingURL=index\.cjs\.map\s*$/,
    '//# sourceMappingURL=index.js.map\n',
  );
  await rm(out, { recursive: true, force: true });
  await mkdir(out, { recursive: true });
  await writeFile(join(out, 'index.js'), code);
  if (map) await writeFile(join(out, 'index.js.map'), map);
  // The repository is "type": "module"; the bundle is CommonJS.
  await writeFile(join(out, 'package.json'), '{ "type": "commonjs" }\n');
  for (const [name, asset] of Object.entries(assets)) {
    if (name === 'index.cjs.map') continue; // the same map, written above as index.js.map
    const file = join(out, name);
    await mkdir(dirname(file), { recursive: true });
    await writeFile(file, asset.source);
  }
  if (out === 'dist/cli') {
    // The command's launcher (package.json "bin"): `oauth-token` once installed, or `node dist/cli.js`.
    // CommonJS, as dist/package.json says: an ES-module launcher cost every command ~30 ms more
    // (Node's ES module loader), in a command people run many times in a row.
    await writeFile(
      'dist/cli.js',
      "#!/usr/bin/env node\n// oauth-token, the command line: the bundle is dist/cli/.\nrequire('./cli/index.js');\n",
      { mode: 0o755 },
    );
    await writeFile('dist/package.json', '{ "type": "commonjs" }\n');
  }
  console.log(
    `${out}/index.js  ${(Buffer.byteLength(code) / 1024).toFixed(0)} KiB  ${Date.now() - started} ms`,
  );
}

async function bundleOrExplain(entry) {
  try {
    await bundle(entry);
  } catch (e) {
    // ncc's errors can carry megabytes of minified source; keep the first lines.
    const text = String(e?.stack ?? e)
      .split('\n')
      .slice(0, 15)
      .map((l) => l.slice(0, 400))
      .join('\n');
    console.error(`Build of ${entry.src} failed:\n${text}`);
    process.exitCode = 1;
  }
}

const wanted = process.argv.slice(2);
const selected = ENTRIES.filter((e) => wanted.length === 0 || wanted.includes(e.platform));
// Two at a time: the machine has two cores.
for (let i = 0; i < selected.length; i += 2) {
  await Promise.all(selected.slice(i, i + 2).map(bundleOrExplain));
}
// What the GitHub bundles were built from (the Azure ones: scripts/package.mjs, after the .vsix).
if (!process.exitCode && selected.some((e) => e.platform === 'github')) {
  await writeFile(HASH_FILE.github, `${sourceHash('github')}\n`);
}

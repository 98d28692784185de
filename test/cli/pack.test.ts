/**
 * The command line on a workstation: `npm pack` the project, install the tarball in an empty
 * folder (nothing else comes with it: the CLI is one bundle), and run what was installed. The
 * installed command is this project's, under its own scoped name, never an unrelated package
 * that `npx oauth-token` would fetch.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from '../helpers/github.js';

const npm = (args: string[], cwd: string) =>
  spawnSync('npm', args, {
    cwd,
    encoding: 'utf8',
    timeout: 60_000,
    env: { ...process.env, npm_config_audit: 'false', npm_config_fund: 'false' },
  });

test('the packed CLI installs into an empty folder and runs its --version and --help', () => {
  const out = mkdtempSync(join(tmpdir(), 'pack-'));
  const pack = npm(['pack', '--json', '--pack-destination', out], ROOT);
  expect(pack.status).toBe(0);
  const [info] = JSON.parse(pack.stdout) as Array<{
    filename: string;
    name: string;
    files: Array<{ path: string }>;
  }>;
  expect(info!.name).toBe('@oauth-token-action/cli');
  // Only the command line ships: its launcher (CommonJS, as dist/package.json says), its bundle,
  // the licence and the README.
  const paths = info!.files.map((f) => f.path);
  expect(
    paths.every((p) =>
      /^(dist\/cli(\.js|\/)|dist\/package\.json$|LICENSE|README(\.ja)?\.md|package\.json)/.test(p),
    ),
  ).toBe(true);
  expect(paths).toContain('dist/package.json');

  const home = mkdtempSync(join(tmpdir(), 'cli-home-'));
  expect(npm(['init', '-y'], home).status).toBe(0);
  const install = npm(['install', '--offline', join(out, info!.filename)], home);
  expect(install.stderr).not.toMatch(/ERR!/);
  expect(install.status).toBe(0);
  const bin = join(home, 'node_modules', '.bin', 'oauth-token');
  const version = spawnSync(bin, ['--version'], { encoding: 'utf8' });
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
  expect(version.stdout.trim()).toBe(`oauth-token ${pkg.version}`);
  expect(version.status).toBe(0);
  const help = spawnSync(bin, ['--help'], { encoding: 'utf8' });
  expect(help.status).toBe(0);
  expect(help.stdout).toContain(
    'oauth-token: OAuth 2.0 access tokens and Site24x7 maintenance windows',
  );
}, 90_000);

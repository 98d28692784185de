/**
 * `npm run validate` (scripts/validate.ts), which .ci/run runs: the repository passes it, and
 * each of its checks fails on a broken copy, so a passing run means something.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from './helpers/github.js';

/** scripts/validate.ts as `npm run validate` runs it: its exit code and what it printed. */
function validate(...args: string[]): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--liftoff-only', '--import', 'tsx', 'scripts/validate.ts', ...args],
      { cwd: ROOT, encoding: 'utf8', timeout: 60_000 },
      (e, stdout, stderr) =>
        resolve({ code: e ? ((e as { code?: number }).code ?? 1) : 0, out: `${stdout}${stderr}` }),
    );
  });
}

const dir = mkdtempSync(join(tmpdir(), 'validate-'));
function broken(name: string, from: string, edit: (text: string) => string): string {
  const file = join(dir, name);
  writeFileSync(file, edit(readFileSync(join(ROOT, from), 'utf8')));
  return file;
}

// The official schema sits in ../shared/reference/ where this workplace provides it (see
// scripts/validate.ts); elsewhere the check is skipped with a note, and so is its test.
const schema = existsSync(join(ROOT, '..', 'shared', 'reference', 'tasks.schema.json'));

/** Each broken copy, as the check that must find it and the file it checks. */
const copies = {
  icon: ['action', broken('icon.yml', 'action.yml', (t) => t.replace('icon: lock', 'icon: key'))],
  long: [
    'action',
    broken('long.yml', 'action.yml', (t) =>
      t.replace(/description: >-\n[\s\S]*?\nauthor:/, `description: ${'x'.repeat(130)}\nauthor:`),
    ),
  ],
  workflow: [
    'workflow',
    broken('wf.yml', 'examples/github/token-for-a-later-step.yml', (t) =>
      t.replace(
        'runs-on: ubuntu-latest',
        'runs-on: ubuntu-latest\n    timeout-minutes: ${{ github.evnt }}',
      ),
    ),
  ],
  connection: [
    'connection',
    broken('vss.json', 'task/vss-extension.json', (t) =>
      t.replace('"possibleValues"', '"inputOptions"'),
    ),
  ],
  ...(schema
    ? {
        task: [
          'task',
          broken('task.json', 'task/OAuthTokenV1/task.json', (t) =>
            t
              .replace(
                '"type": "connectedService:oauth2-client"',
                '"type": "connectedService-oauth2"',
              )
              .replace('"instanceNameFormat"', '"instanceNameFormatt"'),
          ),
        ],
      }
    : {}),
} as Record<string, [kind: string, file: string]>;

// Two runs side by side, not one per check (each loads the validators, seconds of CPU): the
// repository as it is, and every broken copy at once, each copy's findings named by its file.
let repository: Promise<{ code: number | null; out: string }>;
let copiesRun: Promise<{ code: number | null; out: string }>;
beforeAll(() => {
  repository = validate();
  copiesRun = validate(...Object.values(copies).flat());
});

/** One copy's findings: the exit code of the run, and the lines that name its file. */
async function findings(copy: string) {
  const r = await copiesRun;
  const file = copies[copy]![1];
  const lines = r.out.split('\n').filter((l) => l.startsWith(`${file}:`));
  expect(lines.length).toBeGreaterThan(0);
  return { code: r.code, out: lines.join('\n') };
}

test('the repository passes every check', async () => {
  const r = await repository;
  expect(r.out).toContain('Metadata and workflows: no findings.');
  expect(r.code).toBe(0);
}, 60_000);

test('an icon GitHub does not allow, and a description the Marketplace refuses, are findings', async () => {
  const icon = await findings('icon');
  expect(icon.code).toBe(1);
  expect(icon.out).toContain("Unexpected value 'key'");
  const long = await findings('long');
  expect(long.code).toBe(1);
  expect(long.out).toContain('description is 130 characters; the Marketplace takes fewer than 125');
}, 60_000);

test('actionlint finds a broken workflow', async () => {
  const r = await findings('workflow');
  expect(r.code).toBe(1);
  expect(r.out).toMatch(/evnt/);
}, 60_000);

test("a connection input key Azure DevOps' model does not have is a finding", async () => {
  const r = await findings('connection');
  expect(r.code).toBe(1);
  expect(r.out).toContain(
    '.values.inputOptions: not a field of InputValues (Azure DevOps drops it)',
  );
}, 60_000);

(schema ? test : test.skip)(
  "a task.json the official schema refuses is a finding (Azure DevOps' tasks.schema.json)",
  async () => {
    const r = await findings('task');
    expect(r.code).toBe(1);
    expect(r.out).toContain('/inputs/0/type must match pattern');
    expect(r.out).toContain('must NOT have additional properties (instanceNameFormatt)');
  },
  60_000,
);

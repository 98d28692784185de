/**
 * `npm run validate` (scripts/validate.ts), which .ci/run runs: the repository passes it, and
 * each of its checks fails on a broken copy, so a passing run means something.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from './helpers/github.js';

function validate(...args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/validate.ts', ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { code: r.status, out: `${r.stdout}${r.stderr}` };
}

const dir = mkdtempSync(join(tmpdir(), 'validate-'));
function broken(name: string, from: string, edit: (text: string) => string): string {
  const file = join(dir, name);
  writeFileSync(file, edit(readFileSync(join(ROOT, from), 'utf8')));
  return file;
}

test('the repository passes every check', () => {
  const r = validate();
  expect(r.out).toContain('Metadata and workflows: no findings.');
  expect(r.code).toBe(0);
}, 60_000);

test('an icon GitHub does not allow, and a description the Marketplace refuses, are findings', () => {
  const icon = validate(
    'action',
    broken('icon.yml', 'action.yml', (t) => t.replace('icon: lock', 'icon: key')),
  );
  expect(icon.code).toBe(1);
  expect(icon.out).toContain("Unexpected value 'key'");
  const long = validate(
    'action',
    broken('long.yml', 'action.yml', (t) =>
      t.replace(/description: >-\n[\s\S]*?\nauthor:/, `description: ${'x'.repeat(130)}\nauthor:`),
    ),
  );
  expect(long.code).toBe(1);
  expect(long.out).toContain('description is 130 characters; the Marketplace takes fewer than 125');
}, 60_000);

test('actionlint finds a broken workflow', () => {
  const r = validate(
    'workflow',
    broken('wf.yml', 'examples/github/token-for-a-later-step.yml', (t) =>
      t.replace(
        'runs-on: ubuntu-latest',
        'runs-on: ubuntu-latest\n    timeout-minutes: ${{ github.evnt }}',
      ),
    ),
  );
  expect(r.code).toBe(1);
  expect(r.out).toMatch(/evnt/);
}, 60_000);

test("a connection input key Azure DevOps' model does not have is a finding", () => {
  const r = validate(
    'connection',
    broken('vss.json', 'task/vss-extension.json', (t) =>
      t.replace('"possibleValues"', '"inputOptions"'),
    ),
  );
  expect(r.code).toBe(1);
  expect(r.out).toContain(
    '.values.inputOptions: not a field of InputValues (Azure DevOps drops it)',
  );
}, 60_000);

// The official schema sits in ../shared/reference/ where this workplace provides it (see
// scripts/validate.ts); elsewhere the check is skipped with a note, and so is this test.
const schema = existsSync(join(ROOT, '..', 'shared', 'reference', 'tasks.schema.json'));
(schema ? test : test.skip)(
  "a task.json the official schema refuses is a finding (Azure DevOps' tasks.schema.json)",
  () => {
    const r = validate(
      'task',
      broken('task.json', 'task/OAuthTokenV1/task.json', (t) =>
        t
          .replace('"type": "connectedService:oauth2-client"', '"type": "connectedService-oauth2"')
          .replace('"instanceNameFormat"', '"instanceNameFormatt"'),
      ),
    );
    expect(r.code).toBe(1);
    expect(r.out).toContain('/inputs/0/type must match pattern');
    expect(r.out).toContain('must NOT have additional properties (instanceNameFormatt)');
  },
  60_000,
);

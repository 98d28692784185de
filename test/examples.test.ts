/** The examples use only inputs that exist, on the right platform. */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { readAction, readTask } from '../scripts/docs-tables.js';
import { ROOT } from './helpers/github.js';
import { attack } from './helpers/record.js';

const dir = (p: string) => join(ROOT, 'examples', p);
const USES: Record<string, string> = {
  '<owner>/oauth-token-action@v1': 'action.yml',
  '<owner>/oauth-token-action/site24x7-maintenance@v1': 'site24x7-maintenance/action.yml',
};
const TASKS: Record<string, string> = {
  'OAuthToken@1': 'OAuthTokenV1',
  'Site24x7Maintenance@1': 'Site24x7MaintenanceV1',
};

function walk(node: unknown, visit: (o: Record<string, unknown>) => void) {
  if (Array.isArray(node)) node.forEach((n) => walk(n, visit));
  else if (node && typeof node === 'object') {
    visit(node as Record<string, unknown>);
    Object.values(node).forEach((n) => walk(n, visit));
  }
}

test.each(readdirSync(dir('github')))('github/%s', (file) => {
  let steps = 0;
  walk(parse(readFileSync(dir(`github/${file}`), 'utf8')), (o) => {
    const uses = o.uses as string | undefined;
    if (!uses || !USES[uses]) return;
    steps++;
    const inputs = Object.keys(readAction(ROOT, USES[uses]!).inputs);
    for (const k of Object.keys((o.with as object) ?? {}))
      expect({ uses, input: k, known: inputs.includes(k) }).toMatchObject({ known: true });
  });
  expect(steps).toBeGreaterThan(0);
});

test.each(readdirSync(dir('azure')).filter((f) => f.endsWith('.yml')))('azure/%s', (file) => {
  let steps = 0;
  walk(parse(readFileSync(dir(`azure/${file}`), 'utf8')), (o) => {
    const task = o.task as string | undefined;
    if (!task || !TASKS[task]) return;
    steps++;
    const names = readTask(ROOT, TASKS[task]!).inputs.map((i) => i.name);
    for (const k of Object.keys((o.inputs as object) ?? {}))
      expect({ task, input: k, known: names.includes(k) }).toMatchObject({ known: true });
  });
  expect(steps).toBeGreaterThan(0);
});

test('every YAML block in the README parses', () => {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const blocks = [...readme.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => m[1]!);
  expect(blocks.length).toBeGreaterThan(5);
  const bad = blocks.flatMap((b, i) => {
    try {
      parse(b);
      return [];
    } catch (e) {
      return [`block ${i + 1}: ${(e as Error).message.split('\n')[0]}`];
    }
  });
  expect(bad).toEqual([]);
});

// Security round 3, nit: the example once echoed the artifact into ##vso unchecked.
test('azure/shared-token-across-pipelines.yml: a changed artifact cannot smuggle a logging command', () => {
  const doc = parse(readFileSync(dir('azure/shared-token-across-pipelines.yml'), 'utf8')) as {
    jobs: Array<{ steps: Array<{ bash?: string; displayName?: string }> }>;
  };
  const step = doc.jobs[0]!.steps.find((s) => s.displayName?.startsWith('Read the envelope'))!;
  const ws = mkdtempSync(join(tmpdir(), 'pipeline-'));
  mkdirSync(join(ws, 'producer', 'token-envelope'), { recursive: true });
  const run = (artifact: string) => {
    writeFileSync(join(ws, 'producer', 'token-envelope', 'token-envelope'), artifact);
    return spawnSync('bash', ['-c', step.bash!.replaceAll('$(Pipeline.Workspace)', ws)], {
      encoding: 'utf8',
    });
  };
  const good = run('AQAAAABpQmVkABxnaXRodWIuY29t_-\n');
  expect(good.status).toBe(0);
  expect(good.stdout).toBe(
    '##vso[task.setvariable variable=ENVELOPE]AQAAAABpQmVkABxnaXRodWIuY29t_-\n',
  );
  const evil = run('AQ\n##vso[task.setvariable variable=PATH]/tmp/evil\n');
  expect(evil.status).toBe(1);
  expect(evil.stdout).toBe('');
  expect(evil.stderr).toContain('is not an envelope');
  // At most 20000 characters, checked by length (a bounded grep regex took 20 s per run).
  expect(run(`${'A'.repeat(20000)}\n`).status).toBe(0);
  expect(run(`${'A'.repeat(20001)}\n`).stdout).toBe('');
  attack('envelopes', 'an artifact that smuggles a logging command (Azure example)', 'azure');
});

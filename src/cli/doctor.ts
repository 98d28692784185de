/**
 * `oauth-token doctor`: check a set of credentials end to end and explain what is wrong. The
 * accounts servers it asks when a client belongs to another Zoho region are injected
 * (`zohoHosts`), so tests can point them at loopback peers without a hook in the product.
 */
import { StepError } from '../core/errors.js';
import { PROVIDERS } from '../core/oauth/providers.js';
import type { Runtime } from '../core/runtime.js';
import { callFor, SCOPE_HINT } from '../core/site24x7/scopes.js';
import { parseApiConfig } from '../core/site24x7/api-config.js';
import { formatSeconds, t } from '../core/text.js';
import { describeEndpoint, fetchToken } from '../core/oauth/token.js';
import type { CliPlatform } from '../platform/cli.js';
import type { Io } from './io.js';
import { connect } from '../steps/maintenance.js';
import { maskToken } from '../steps/mask.js';
import { openTokenStep } from '../steps/token.js';

/** Zoho's accounts servers by region (origins): the only hosts the doctor asks. */
export const ZOHO_ACCOUNTS: Readonly<Record<string, string>> = Object.fromEntries(
  Object.entries(PROVIDERS.zoho.regions).map(([r, v]) => [r, `https://${v.host}`]),
);

/** Zoho's answers to a client (or refresh token) of another region. */
const WRONG_REGION = new Set(['invalid_client', 'invalid_code']);

export async function doctor(
  p: CliPlatform,
  rt: Runtime,
  io: Io,
  zohoHosts: Readonly<Record<string, string>> = ZOHO_ACCOUNTS,
) {
  const { cfg } = openTokenStep(p);
  const zohoLike = cfg.provider.zohoAccounts;
  // Steps are numbered in the order they run, whichever run.
  let n = 0;
  // With --json the account of each step goes to stderr, and its facts into the one object.
  const say = io.json ? io.err : io.out;
  const step = (text: string) => say(`${++n}. ${text}`);
  const record = (fields: Record<string, unknown>) => io.json?.(fields);

  step(`Token: ${describeEndpoint(cfg)}`);
  let accessToken: string | undefined;
  let region = cfg.region;
  try {
    const minted = await fetchToken(cfg, rt, {
      onSecret: (s) => p.setSecret(s),
      assertions: () => import('../core/oauth/assertion.js'),
      // A server that rotates has spent the stored refresh token: the new one is printed at
      // the end (see keepRotated in main.ts), whatever the doctor finds next.
      onRotated: (r) => {
        p.setSecret(r);
        p.setOutput('refresh-token', r, { secret: true });
      },
    });
    maskToken(p, minted);
    accessToken = minted.accessToken;
    record({
      token: {
        ok: true,
        token_type: minted.tokenType || undefined,
        expires_in: minted.expiresIn,
        scope: minted.scope || undefined,
      },
    });
    say(
      `   ok: a ${minted.tokenType || 'bearer'} token${minted.expiresIn ? `, valid ${formatSeconds(minted.expiresIn * 1000)}` : ''}${minted.scope ? `, scope ${minted.scope}` : ''}.`,
    );
  } catch (e) {
    if (!(e instanceof StepError)) throw e;
    say(`   failed: ${p.redact(e.message)}`);
    record({ token: { ok: false, error: e.facts.oauthError ?? e.kind } });
    const wrongRegion = WRONG_REGION.has(e.facts.oauthError ?? '');
    if (!zohoLike || !wrongRegion)
      throw new StepError(e.kind, 'The credentials do not work; see above.');
    step('Zoho keeps each client in one region: asking the accounts servers of the other regions.');
    const unreachable: string[] = [];
    const asked: Record<string, 'not here' | 'unreachable' | 'found'> = {};
    for (const [r, origin] of Object.entries(zohoHosts)) {
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
        asked[r] = 'found';
        record({ regions: { asked, found: r } });
        say(
          `   found: the client belongs to region '${r}' (${origin}). Set ${p.label('region')} ${r} (and the same region in the pipeline step).`,
        );
        break;
      } catch (e2) {
        if (e2 instanceof StepError && WRONG_REGION.has(e2.facts.oauthError ?? '')) {
          asked[r] = 'not here';
          say(`   ${r}: not here`);
        } else {
          // Not an answer about this client: the region could not be asked. Said whole.
          unreachable.push(r);
          asked[r] = 'unreachable';
          const cause = e2 instanceof StepError ? e2.facts.cause : undefined;
          say(`   ${r}: unreachable (${cause ?? p.redact((e2 as Error).message)})`);
        }
      }
    }
    if (!accessToken) {
      record({ regions: { asked, found: null } });
      throw new StepError(
        'auth',
        unreachable.length
          ? t`No reachable Zoho region accepts this client id and secret, and ${unreachable.join(', ')} could not be asked: check the network (proxy, firewall) and run the doctor again before issuing new credentials.`
          : 'No Zoho region accepts this client id and secret: check them in the Zoho API console (api-console.zoho.com) and issue a new refresh token if it was revoked.',
      );
    }
  }
  if (cfg.provider.id !== 'site24x7' && !p.get('api-url')) {
    say('Done: the credentials work.');
    return;
  }
  step('Site24x7: one read-only call per scope the steps need.');
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
  const granted: string[] = [];
  for (const probe of probes) {
    const { scope, what: use } = callFor('GET', probe.path)!;
    try {
      await api.get(probe.path, probe.what);
      granted.push(scope);
      say(t`   ${scope}: granted (GET ${probe.path.split('?')[0]}, for ${use}).`);
    } catch (e) {
      if (!(e instanceof StepError)) throw e;
      if (e.kind !== 'auth') throw e;
      missing.push(scope);
      say(t`   ${scope}: refused (GET ${probe.path.split('?')[0]}, needed for ${use}).`);
    }
  }
  record({ scopes: { granted, refused: missing } });
  if (missing.length) {
    throw new StepError(
      'auth',
      t`The token works at Zoho, but Site24x7 refused ${missing.join(', ')} at ${apiCfg.apiRoot.origin}: add ${missing.length > 1 ? 'these scopes' : 'this scope'} to the Zoho client (or check the data centre). ${SCOPE_HINT}`,
    );
  }
  say(
    '   Site24x7.Operations.Create, Update and Delete (open and end windows) cannot be proven by a read; Site24x7.Operations.All grants them. `site24x7 maintenance start --dry-run` rehearses everything but the create.',
  );
  say('Done: the credentials work end to end.');
}

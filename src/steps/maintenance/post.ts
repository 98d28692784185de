/**
 * The post step (post-if: always() on GitHub, postjobexecution on Azure): end the window the
 * main step opened, with the token it saved while that has a minute left, else a fresh one
 * (from the job token source with token-from-job, else minted from the inputs).
 * If the main step died before it heard back, find the window by its name and times.
 */
import { StepError } from '../../core/errors.js';
import { jsonObject } from '../../core/json.js';
import { wordingOf } from '../../core/inputs.js';
import { site24x7MaintenanceConsole } from '../../core/site24x7/console.js';
import type { Runtime } from '../../core/runtime.js';
import { parseMaintenanceToken } from '../../core/site24x7/api-config.js';
import type { MaintenanceConfig } from '../../core/site24x7/config.js';
import {
  closeWindow,
  type Ended,
  endWindow,
  findWindow,
  knownWindow,
} from '../../core/site24x7/maintenance.js';
import { isoSeconds, t } from '../../core/text.js';
import type { Platform } from '../../platform/types.js';
import { maskSecretInputs } from '../mask.js';
import { apiClient, jobAsk, Tokens } from './connect.js';
import { report } from './report.js';
import { savedSettings, STATE } from './state.js';
import { MAINTENANCE_SECRET_INPUTS } from './inputs.js';
import { closeRecordedWindows } from './windows.js';

export async function maintenancePost(p: Platform, rt: Runtime): Promise<void> {
  // Every provider's windows are tried, whatever happened to another's; failures are joined.
  const failures: StepError[] = [];
  for (const part of [endSite24x7Window, closeRecordedWindows]) {
    try {
      await part(p, rt);
    } catch (e) {
      if (e instanceof StepError && e.kind === 'cancelled') throw e;
      failures.push(e instanceof StepError ? e : new StepError('server', String(e)));
    }
  }
  if (failures.length === 1) throw failures[0]!;
  if (failures.length > 1) {
    throw new StepError(failures[0]!.kind, failures.map((f) => f.message).join(' '));
  }
}

async function endSite24x7Window(p: Platform, rt: Runtime): Promise<void> {
  const id = p.getState(STATE.id);
  const planned = p.getState(STATE.planned);
  if (!id && !planned) return;
  const saved = p.getState(STATE.token);
  if (saved) p.setSecret(saved);
  maskSecretInputs(p, MAINTENANCE_SECRET_INPUTS);
  const endsAtMs = Number(p.getState(STATE.endsAt));
  const endsAt = endsAtMs ? isoSeconds(new Date(endsAtMs)) : 'its scheduled end';
  const settings = savedSettings(p);
  // Known once the main step heard back, or once the lookup below finds it.
  let windowId = id;

  try {
    // Credentials for a fresh token, when the inputs have them; read leniently: a bad input
    // here must not stop the window from being ended with the saved token.
    let token: MaintenanceConfig['token'];
    try {
      token = parseMaintenanceToken(p, p.log);
    } catch (e) {
      p.log.debug(t`Client credentials unusable in the post step: ${(e as Error).message}`);
      token = undefined;
    }
    const expiresAt = Number(p.getState(STATE.tokenExpiresAt)) || undefined;
    const fresh = saved && (!expiresAt || expiresAt > rt.now() + 60_000) ? saved : '';
    // token-from-job: the job token source, which this job's token step still keeps (its post
    // step runs after this one), gives a token valid now however long the job took.
    const jobDir = p.getState(STATE.jobSource);
    const job = jobDir ? jobAsk(jobDir, settings) : undefined;
    const tokens = new Tokens(p, rt, { token }, fresh, expiresAt, job);
    if (job && !fresh)
      p.log.info('The saved access token has expired: asking the job token source for one.');
    if (!fresh && !token && !job) {
      throw new StepError(
        'auth',
        'The saved access token has expired and the step has no client credentials to mint another.',
      );
    }
    await tokens.ready();
    const api = apiClient(p, rt, tokens, settings, saved ? [saved] : []);
    const body = jsonObject(planned);
    if (!windowId) {
      windowId = (body && (await findWindow(api, body, 'window lookup'))) || '';
      if (!windowId) {
        p.log.info('The main step did not open a maintenance window; nothing to end.');
        return;
      }
      p.log.info(t`The main step stopped before it heard back; found its window ${windowId}.`);
    }
    p.log.info(t`Ending maintenance window ${windowId}, opened by the main step (end-on-exit).`);
    // Read the window first (endWindow does): a later step (operation end) or someone in the
    // console may have ended it already, and the body the main step sent would end it again.
    // When Site24x7's read cannot be used (its time zone unreadable, say), that body is the
    // fallback: this step wrote it, so its times are known.
    let ended: Ended;
    try {
      ended = await endWindow(api, windowId, rt, wordingOf(p).subject('maintenance-id'));
    } catch (e) {
      const known = body ? knownWindow(windowId, body) : undefined;
      if (!known || !(e instanceof StepError) || (e.kind !== 'protocol' && e.kind !== 'input'))
        throw e;
      p.log.info(
        t`Site24x7's read of window ${windowId} cannot be used (${e.message}); ending it with the body the main step sent.`,
      );
      ended = await closeWindow(api, known, rt);
    }
    report(p, windowId, ended);
  } catch (e) {
    if (e instanceof StepError && e.kind === 'cancelled') throw e;
    const msg = e instanceof Error ? e.message : String(e);
    throw new StepError(
      e instanceof StepError ? e.kind : 'server',
      t`Could not end maintenance window ${windowId || '(not yet known)'}: ${msg} The window still closes on its own at ${endsAt}; to resume alerting sooner, end it in the Site24x7 console: ${site24x7MaintenanceConsole(settings.apiRoot)}`,
    );
  }
}

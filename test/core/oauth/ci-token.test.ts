/** CI tokens for each attempt of a token request (issue 24: Keycloak refuses a reused or old one). */
import { azureAudienceProblem, freshCiTokens } from '../../../src/core/oauth/ci-token.js';
import { fakeRuntime } from '../helpers.js';

test('the first CI token is asked for at once and used while fresh; each later attempt asks anew', async () => {
  const { rt } = fakeRuntime([]);
  let n = 0;
  const next = await freshCiTokens(rt, async () => `ci-${++n}`);
  expect(n).toBe(1); // asked before any attempt: a job without one is told first
  expect(await next()).toBe('ci-1');
  expect(await next()).toBe('ci-2');
  expect(await next()).toBe('ci-3');
});

test('a first CI token that waited a minute (for the machine lock) is not used', async () => {
  const { rt } = fakeRuntime([]);
  let n = 0;
  const next = await freshCiTokens(rt, async () => `ci-${++n}`);
  await rt.sleep(60_000);
  expect(await next()).toBe('ci-2');
});

test.each([
  ['', undefined],
  ['api://AzureADTokenExchange', undefined],
  ['https://my-server', /configure the server to accept that audience/],
])('Azure DevOps audience %j', (aud, why) => {
  const p = azureAudienceProblem(aud);
  if (why) expect(p?.message).toMatch(why);
  else expect(p).toBeUndefined();
});

test('a server that accepts only its issuer as audience cannot federate with Azure DevOps', () => {
  expect(
    azureAudienceProblem('https://sso.example/realms/ci', { title: 'Keycloak', issuerOnly: true })
      ?.message,
  ).toMatch(/Keycloak federation cannot work from Azure Pipelines/);
});

/**
 * Who decides each input when a step uses a service connection (Azure DevOps): the
 * connection's owner, or the pipeline. A connection is a secured resource: its owner, not a
 * pipeline author, decides every destination of its secrets and every audience of what is
 * signed with them. So an input that could choose where the connection's client secret,
 * refresh token or key-signed assertion goes (a host, a tenant, a realm, an audience) is the
 * owner's: with a connection it comes only from the connection, and a pipeline that sets it
 * is refused before anything is sent.
 *
 * Every input of both tasks and both actions has a rule here (test/core/input-policy.test.ts
 * reads the manifests and fails on any input without one). An input this table does not know
 * is treated as the owner's: a new input stays closed until someone classifies it.
 */

export type InputClass = 'owner' | 'pipeline';

export interface InputRule {
  class: InputClass;
  /** Why, in a few words: the test shows it, and the docs list it. */
  why: string;
  /**
   * Owner inputs whose task.json has a default the agent always passes (`generic`, `auto`,
   * the maintenance task's `us`): those values mean "not set", not a pipeline's choice. The
   * connection's value is used either way.
   */
  unset?: readonly string[];
  /** What to tell a pipeline that sets it, when more than "remove it" helps. */
  fix?: string;
  /**
   * Pipeline inputs for which the connection may give a default (its Scope field), which the
   * pipeline's own value overrides.
   */
  connectionDefault?: boolean;
}

const owner = (why: string, ...unset: string[]): InputRule => ({ class: 'owner', why, unset });
const pipeline = (why: string, connectionDefault = false): InputRule => ({
  class: 'pipeline',
  why,
  connectionDefault,
});

const writeBack: InputRule = {
  class: 'owner',
  why: 'chooses where a rotated refresh token, a connection secret, is stored',
  fix: 'with write-back, pass the refresh token from the variable group instead of a connection, or leave it empty and have the connection owner update the connection when the server rotates',
};

const WHERE = "chooses the server that receives the connection's secrets";
const SECRET = 'a secret the connection holds';
const HOW = 'how the request is made, not where it goes';
const NOT_TOKEN = "does not touch the connection's secrets";

/** By canonical kebab-case key (task.json names are their camelCase forms). */
export const INPUT_RULES: Readonly<Record<string, InputRule>> = {
  // The service connection input itself: the pipeline names which connection it uses (Azure
  // DevOps authorises that use per pipeline).
  connection: pipeline('names the connection; Azure DevOps authorises its use'),

  // Where the secrets go.
  provider: owner(`${WHERE} (the preset's hosts)`, 'generic'),
  region: owner(`${WHERE} (the region's accounts server, or Entra's cloud)`, 'us'),
  tenant: owner(`${WHERE} (the Entra tenant)`),
  domain: owner(`${WHERE} (the Okta or Auth0 domain)`),
  'authorization-server': owner(`${WHERE} (the Okta authorization server)`),
  'base-url': owner(`${WHERE} (the Keycloak server)`),
  realm: owner(`${WHERE} (the Keycloak realm)`),
  'token-url': owner(WHERE),
  'revoke-url': owner('chooses where the client secret and a minted token are sent to revoke'),
  'api-url': owner('chooses the Site24x7 host that receives tokens minted from the connection'),
  'client-assertion-audience': owner(
    "chooses who accepts an assertion signed with the connection's key",
  ),
  'oidc-audience': owner("chooses who accepts the CI token the connection's grant would use"),

  // What the connection holds, and what its scheme implies.
  'client-id': owner(SECRET),
  'client-secret': owner(SECRET),
  'refresh-token': owner(SECRET),
  'client-assertion-key': owner(SECRET),
  'client-assertion-certificate': owner("belongs with the connection's key"),
  'grant-type': owner("follows from the connection's scheme", 'auto'),
  'client-auth': owner("follows from the connection's scheme", 'auto'),
  'subject-token-type': owner('belongs to grants a connection does not use'),
  // Write-back stores a rotated refresh token, a connection secret, where an input says.
  'refresh-token-secret': writeBack,
  'refresh-token-variable-group': writeBack,
  'refresh-token-secret-scope': writeBack,
  'refresh-token-secret-environment': writeBack,
  'secrets-token': writeBack,

  // What the pipeline asks for, within what the server grants this client; the minted token
  // is the pipeline's to use in any case.
  scope: pipeline("narrows what the token may do; the server grants at most the client's", true),
  audience: pipeline('which API the token is for, within what the server grants the client'),
  resource: pipeline('which API the token is for, within what the server grants the client'),
  'extra-params': pipeline("sent to the connection's own token endpoint only"),
  'client-assertion-alg': pipeline(`${HOW}: the algorithm the connection's key signs with`),
  'client-assertion-kid': pipeline(`${HOW}: a key id in the assertion's header`),
  'timeout-seconds': pipeline(HOW),
  'max-retry-seconds': pipeline(HOW),
  revoke: pipeline("revokes the pipeline's own token, at the connection's endpoint"),
  'export-env': pipeline("where the pipeline's own token is exported"),
  'share-key': pipeline("seals the pipeline's own token for its other jobs"),
  envelope: pipeline('opens a token the pipeline sealed'),
  'envelope-run-id': pipeline('opens a token the pipeline sealed'),
  'min-remaining-seconds': pipeline('opens a token the pipeline sealed'),
  'mint-if-envelope-fails': pipeline('opens a token the pipeline sealed'),
  // The job token source keeps the connection's secrets, for the job's later scripts to mint
  // with: the owner's choice (the connection's Job token field).
  'job-token': {
    class: 'owner',
    why: "keeps the connection's secrets within reach of the job's later scripts",
    unset: ['false'],
    fix: "remove jobToken from the task, and ask the connection's owner to allow it (the connection's Job token field)",
  },

  // The maintenance step: what it does with a token sent only to the connection's API host.
  operation: pipeline(NOT_TOKEN),
  'access-token': pipeline('a token the pipeline already holds'),
  'token-from-job': pipeline('a token the pipeline already holds (its job token source)'),
  'customer-id': pipeline('an account the token is already allowed to act on'),
  monitors: pipeline(NOT_TOKEN),
  'monitor-groups': pipeline(NOT_TOKEN),
  tags: pipeline(NOT_TOKEN),
  name: pipeline(NOT_TOKEN),
  description: pipeline(NOT_TOKEN),
  start: pipeline(NOT_TOKEN),
  duration: pipeline(NOT_TOKEN),
  'time-zone': pipeline(NOT_TOKEN),
  'perform-monitoring': pipeline(NOT_TOKEN),
  'end-on-exit': pipeline(NOT_TOKEN),
  'dry-run': pipeline(NOT_TOKEN),
  'maintenance-id': pipeline(NOT_TOKEN),
  'wait-seconds': pipeline(NOT_TOKEN),
  'poll-seconds': pipeline(NOT_TOKEN),
  'pass-states': pipeline(NOT_TOKEN),
  'stabilize-seconds': pipeline(NOT_TOKEN),
  'required-passes': pipeline(NOT_TOKEN),
  'min-success-seconds': pipeline(NOT_TOKEN),
  'max-failures': pipeline(NOT_TOKEN),
  inconclusive: pipeline(NOT_TOKEN),
  baseline: pipeline(NOT_TOKEN),
  'take-baseline': pipeline(NOT_TOKEN),
  'deployment-id': pipeline(NOT_TOKEN),
  'deployment-token': pipeline("the pipeline's own GitHub token"),
  'pre-existing': pipeline(NOT_TOKEN),
  'datadog-monitors': pipeline(NOT_TOKEN),
  'datadog-tags': pipeline(NOT_TOKEN),
  'datadog-scope': pipeline(NOT_TOKEN),
  'datadog-access-token': pipeline('a token the pipeline already holds'),
  // No connection holds a Datadog secret (its refresh tokens rotate, and a connection cannot
  // store the successor): where the pipeline's own Datadog token goes is its choice.
  'datadog-site': pipeline("chooses the Datadog host for the pipeline's own Datadog token"),
  'datadog-api-url': pipeline("chooses the Datadog host for the pipeline's own Datadog token"),
  // The pagerduty-* inputs are governed by pagerdutyConnection alone (the platform adapter
  // applies these rules to them only when that connection is set).
  'pagerduty-connection': pipeline('names the connection; Azure DevOps authorises its use'),
  'pagerduty-region': owner(
    "chooses the PagerDuty host that receives the connection's client secret and tokens",
    'us',
  ),
  'pagerduty-api-url': owner("chooses the PagerDuty host that receives the connection's tokens"),
  'pagerduty-token-url': owner(WHERE),
  'pagerduty-client-id': owner(SECRET),
  'pagerduty-client-secret': owner(SECRET),
  'pagerduty-scope': owner("names the PagerDuty account the connection's app acts on"),
  'pagerduty-services': pipeline(NOT_TOKEN),
  'pagerduty-access-token': pipeline('a token the pipeline already holds'),
  'pagerduty-from': pipeline(NOT_TOKEN),
};

/** The rule for an input; unknown inputs are the owner's (closed until classified). */
export function inputRule(key: string): InputRule {
  return (
    INPUT_RULES[key] ?? {
      class: 'owner',
      why: "not classified yet, so treated as the connection owner's",
    }
  );
}

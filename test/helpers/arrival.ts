/**
 * The moment a peer gets a request, for signalling a spawned step while it waits on that
 * request (runGithub's and runAzure's `signalAt`), instead of after a guessed delay: the test
 * waits no longer than the step takes to get there, however slow the machine.
 */

/** runGithub's and runAzure's option: send `signal` to the step once `at` resolves. */
export interface SignalAt {
  at: Promise<void>;
  signal: NodeJS.Signals;
}

export interface Arrival {
  /** Resolves when `arrive` is first called. */
  reached: Promise<void>;
  /** Call from the peer's fault or handler when the request has arrived. */
  arrive(): void;
  /** A peer fault: the requests `match` picks arrive here and are never answered. */
  hangOn(
    match: (req: { method: string }) => boolean,
  ): (req: { method: string }) => { hang: true } | undefined;
  /** The `signalAt` option that sends `signal` once a request has arrived. */
  signal(signal: NodeJS.Signals): SignalAt;
}

export function arrival(): Arrival {
  let arrive!: () => void;
  const reached = new Promise<void>((r) => (arrive = r));
  return {
    reached,
    arrive,
    hangOn: (match) => (req) => {
      if (!match(req)) return undefined;
      arrive();
      return { hang: true };
    },
    signal: (signal) => ({ at: reached, signal }),
  };
}

/** A request that creates something: the one a step is cancelled or killed waiting on. */
export const isPost = (req: { method: string }) => req.method === 'POST';

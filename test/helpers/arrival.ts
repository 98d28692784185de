/**
 * The moment a peer gets a request, for signalling a spawned step while it waits on that
 * request (runGithub's and runAzure's `signalAt`), instead of after a guessed delay: the test
 * waits no longer than the step takes to get there, however slow the machine.
 */
export interface Arrival {
  /** Resolves when `arrive` is first called. */
  reached: Promise<void>;
  /** Call from the peer's fault or handler when the request has arrived. */
  arrive(): void;
}

export function arrival(): Arrival {
  let arrive!: () => void;
  const reached = new Promise<void>((r) => (arrive = r));
  return { reached, arrive };
}

// Latest-wins asynchronous work: a user dragging a slider or typing in a kernel cell asks for many computations;
// one runs at a time, requests made meanwhile collapse into the newest one, and a result is shown only if no newer
// result was shown before it. Replaces per-view dirty flags and generation counters.

/** What a runner reports: the result with the request it answers (draw both together), or the error. */
export interface LatestHandlers<A, R> {
  done(result: R, request: A): void;
  failed(error: unknown, request: A): void;
}

/** A runner: `request(a)` asks for `work(a)`; `idle` resolves when nothing is running or pending. */
export interface Latest<A> {
  request(a: A): void;
  readonly idle: Promise<void>;
}

/**
 * Runs `work` for the newest request: while a run is in flight, later requests replace one pending slot, which runs
 * next. Results arrive in request order, so the one shown last is always the newest. `work` may be synchronous.
 */
export function latest<A, R>(work: (a: A) => Promise<R> | R, on: LatestHandlers<A, R>): Latest<A> {
  let pending: { a: A } | undefined;
  let running: Promise<void> | undefined;
  const drain = async (): Promise<void> => {
    while (pending) {
      const { a } = pending;
      pending = undefined;
      try {
        on.done(await work(a), a);
      } catch (e) {
        on.failed(e, a);
      }
    }
    running = undefined;
  };
  return {
    request(a: A): void {
      pending = { a };
      running ??= drain();
    },
    get idle(): Promise<void> {
      return running ?? Promise.resolve();
    },
  };
}

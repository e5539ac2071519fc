// Hooks shared by the views.
import { useEffect, useMemo, useState } from 'preact/hooks';
import { latest } from './latest';

/** The newest finished computation of a `useLatest`: its result, or its error, with the request it answers. */
export type Outcome<A, R> = { ok: true; value: R; request: A } | { ok: false; error: unknown; request: A };

/**
 * Runs `work(request)` whenever `request` changes (compare by identity: memoise it), latest-wins (see latest.ts):
 * the outcome shown is always the newest finished one. A failure replaces the previous result, so a view never shows
 * a stale output next to a new input. `undefined` requests nothing.
 */
export function useLatest<A, R>(work: (a: A) => Promise<R> | R, request: A | undefined): Outcome<A, R> | undefined {
  const [outcome, setOutcome] = useState<Outcome<A, R> | undefined>(undefined);
  const runner = useMemo(
    () =>
      latest<A, R>((a) => work(a), {
        done: (value, a) => setOutcome({ ok: true, value, request: a }),
        failed: (error, a) => setOutcome({ ok: false, error, request: a }),
      }),
    [],
  );
  useEffect(() => {
    if (request !== undefined) runner.request(request);
  }, [request]);
  return outcome;
}

// The state store every view is built on: one signal holding the view's persisted state, restored through a schema
// (a saved state may come from an older build or be damaged), saved after every update — never from render code.
// Transient things (the cell under the mouse, a running animation) live in components, not here.
import { effect, signal, type ReadonlySignal } from '@preact/signals';
import * as v from 'valibot';

/** A restored state, and the note to show when the saved one could not be used. */
export interface Restored<S> {
  state: S;
  /** Set when a saved state existed but failed the schema: what was wrong, for a visible note. */
  note?: string;
}

/**
 * The saved state `raw` checked against `schema`: valid → it; absent (undefined/null) → `defaults()`; invalid →
 * `defaults()` and a note naming the first problem ("the saved state … at X.0.1: Invalid type …").
 */
export function restoreState<S>(schema: v.GenericSchema<unknown, S>, raw: unknown, defaults: () => S): Restored<S> {
  if (raw === undefined || raw === null) return { state: defaults() };
  const r = v.safeParse(schema, raw);
  if (r.success) return { state: r.output };
  const first = r.issues[0];
  const path = first.path?.map((p) => String(p.key)).join('.');
  return {
    state: defaults(),
    note: `The panel's saved state could not be read (${path ? `at ${path}: ` : ''}${first.message}); it starts from the defaults.`,
  };
}

/** A view's persisted state: read it through `state`, change it with `update`/`set`; every change is saved. */
export class Store<S extends object> {
  private readonly current;
  /** The state, as a signal: components that read `.value` re-render when it changes. */
  readonly state: ReadonlySignal<S>;

  /** `save` runs once now and after every change (VS Code's setState: cheap, synchronous). */
  constructor(initial: S, save: (s: S) => void) {
    this.current = signal(initial);
    this.state = this.current;
    effect(() => save(this.current.value));
  }

  /** The state now. */
  get value(): S {
    return this.current.value;
  }

  /** Replaces the state with `f(state)`. */
  update(f: (s: S) => S): void {
    this.current.value = f(this.current.value);
  }

  /** Changes some fields. */
  set(patch: Partial<S>): void {
    this.update((s) => ({ ...s, ...patch }));
  }
}

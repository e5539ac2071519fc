// Text and number fields that own their validation: each checks its text on every keystroke, marks itself (red
// outline, aria-invalid, the problem as its tooltip) and reports the problem to one `FieldNotes` of its view, which
// lists every invalid field's sentence in one visible note. A valid value reaches the view through `onValue`.
import { signal } from '@preact/signals';
import { useEffect, useRef, useState } from 'preact/hooks';
import { parseDecimal } from '../format';

/** A field's check: the value, or the sentence saying what is wrong and what is allowed. */
export type Check<T> = { ok: true; value: T } | { ok: false; message: string };

/** The check of an editable matrix cell: a decimal number ("−0.5", "1e-3"), anything else named as not one. */
export function decimalCell(text: string): Check<number> {
  const v = parseDecimal(text);
  return Number.isNaN(v) ? { ok: false, message: `“${text}” is not a decimal number` } : { ok: true, value: v };
}

/** The problems of a view's invalid fields, by field id (in the order they became invalid). */
export class FieldNotes {
  readonly problems = signal<ReadonlyMap<string, string>>(new Map());

  /** Records (or with `undefined`, clears) the problem of field `id`. */
  set(id: string, problem: string | undefined): void {
    const now = this.problems.value;
    if (now.get(id) === problem) return;
    const next = new Map(now);
    if (problem === undefined) next.delete(id);
    else next.set(id, problem);
    this.problems.value = next;
  }

  /** True while any field is invalid. */
  get blocked(): boolean {
    return this.problems.value.size > 0;
  }
}

/** The note listing every invalid field's problem (hidden when there is none); `suffix` follows the list. */
export function NotesView({
  notes,
  id,
  testid,
  suffix,
}: {
  notes: FieldNotes;
  id?: string;
  testid: string;
  suffix?: string;
}) {
  const problems = [...notes.problems.value.values()];
  return (
    <p id={id} class="field-notes" data-testid={testid} aria-live="polite" hidden={problems.length === 0}>
      {problems.map((p, i) => (
        <>
          {i > 0 && <br />}
          {p}
        </>
      ))}
      {problems.length > 0 && suffix && <span class="caption"> {suffix}</span>}
    </p>
  );
}

/** Props of a field. `check` reads the text (`badInput`: a number input's flag for text it cannot parse). */
export interface FieldProps<T> {
  id: string;
  label: string;
  value: T;
  check: (text: string, badInput: boolean) => Check<T>;
  onValue: (v: T) => void;
  notes: FieldNotes;
  /** 'input': every valid keystroke is applied (Y follows the typing); 'change': when the field is left or Enter. */
  commit?: 'input' | 'change';
  type?: 'text' | 'number';
  /** For type number: min, max, step attributes. */
  range?: { min?: number; max?: number; step?: number | 'any' };
  testid?: string;
  /** The tooltip while the field is valid. */
  title?: string;
  class?: string;
  /** The note's element id, for aria-describedby. */
  describedBy?: string;
  format?: (v: T) => string;
}

/** A labelled field; shows `value` until the user types, and again whenever `value` changes from outside. */
export function Field<T>(p: FieldProps<T>) {
  const format = p.format ?? ((v: T) => String(v));
  const ref = useRef<HTMLInputElement>(null);
  const [problem, setProblem] = useState<string | undefined>(undefined);
  // A new value from outside (a restore, an input, another control) replaces the text, unless the text already says it.
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const now = p.check(el.value, el.validity.badInput);
    if (now.ok && Object.is(now.value, p.value) && el.value !== '') return;
    el.value = format(p.value);
    mark(undefined);
  }, [p.value]);
  useEffect(() => () => p.notes.set(p.id, undefined), []);

  function mark(message: string | undefined): void {
    setProblem(message);
    p.notes.set(p.id, message);
  }
  function read(commit: boolean): void {
    const el = ref.current;
    if (!el) return;
    const r = p.check(el.value, el.validity.badInput);
    mark(r.ok ? undefined : r.message);
    if (r.ok && (commit || (p.commit ?? 'input') === 'input') && !Object.is(r.value, p.value)) p.onValue(r.value);
  }
  const common = {
    ref,
    class: problem ? 'invalid' : undefined,
    'aria-invalid': problem ? ('true' as const) : ('false' as const),
    'aria-label': p.label,
    'aria-describedby': p.describedBy,
    title: problem ?? p.title ?? '',
    'data-testid': p.testid ?? p.id,
    defaultValue: format(p.value),
    onInput: () => read(false),
    onChange: () => read(true),
  };
  return (
    <label class={p.class}>
      {p.label}{' '}
      {p.type === 'number' ? (
        <input type="number" min={p.range?.min} max={p.range?.max} step={p.range?.step} {...common} />
      ) : (
        <input type="text" inputMode="decimal" {...common} />
      )}
    </label>
  );
}

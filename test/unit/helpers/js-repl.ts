// A JavaScript context that answers evaluate requests the way js-debug's 'repl' context does: the expression runs in a
// vm context holding the test's values, a string result comes back in quotes — `'…'`, or `"…"` when the text holds
// `'`, or a backtick when it holds both, with that quote and backslashes escaped — cut at 100 000 characters (js-debug's
// repl budget), a thrown error as "Uncaught <name>: <message>". So the expressions of src/extension/debug/js.ts run on
// real TypedArrays, nested arrays and tfjs tensors without a debugger.
import * as vm from 'node:vm';

/** A context of values: `evaluate(expr)` resolves to the printed result, or rejects with the error. */
export interface JsRepl {
  evaluate(expression: string): Promise<string>;
  readonly log: string[];
}

const BUDGET = 100_000;

/** js-debug's quoting of a string preview (`quoted: true`). */
export function jsDebugQuote(s: string): string {
  const q = !s.includes("'") ? "'" : !s.includes('"') ? '"' : !s.includes('`') ? '`' : "'";
  const cut = s.length > BUDGET - 2 ? `${s.slice(0, BUDGET - 3)}…` : s;
  return `${q}${cut.replace(new RegExp(`[${q}\\\\]`, 'g'), '\\$&')}${q}`;
}

/** A context whose globals are `values`. */
export function jsRepl(values: Record<string, unknown>): JsRepl {
  const ctx = vm.createContext({ ...values });
  const log: string[] = [];
  return {
    log,
    async evaluate(expression) {
      log.push(expression);
      try {
        const v: unknown = vm.runInContext(expression, ctx, { timeout: 60_000 });
        return typeof v === 'string' ? jsDebugQuote(v) : String(v);
      } catch (e) {
        const err = e as { name?: string; message?: string };
        throw new Error(`Uncaught ${err.name ?? 'Error'}: ${err.message ?? String(e)}`);
      }
    },
  };
}

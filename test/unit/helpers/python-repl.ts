// A Python that answers evaluate requests the way debugpy's 'repl' context does — eval() of one expression in a
// namespace, the result's repr (a string in quotes, cut in the middle past 2**16 characters as pydevd's SafeRepr
// does), an error as the exception's last line — so the expressions of src/extension/debug/python.ts run against
// real numpy (Debian's, see python.ts) without a debugger. One process per REPL; `close()` ends it.
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { PYTHON } from '../../../scripts/harness/python.mjs';

const SERVER = String.raw`
import sys, json, traceback
ns = {}
exec(sys.stdin.readline() and json.loads(sys.argv[1]), ns)
LIMIT = 2 ** 16
def safe_repr(x):
    r = repr(x)
    if isinstance(x, str) and len(r) > LIMIT:
        left, right = LIMIT * 2 // 3, LIMIT // 3
        r = r[:left] + '...' + r[-right:]
    return r
for line in sys.stdin:
    expr = json.loads(line)
    try:
        out = {'ok': True, 'result': safe_repr(eval(compile(expr, '<string>', 'eval'), ns))}
    except Exception as e:
        out = {'ok': False, 'error': type(e).__name__ + ': ' + str(e)}
    sys.stdout.write(json.dumps(out) + '\n')
    sys.stdout.flush()
`;

/** A running Python namespace: `evaluate(expr)` resolves to the repr of the result, or rejects with the error. */
export interface PythonRepl {
  evaluate(expression: string): Promise<string>;
  /** Expressions evaluated so far. */
  readonly log: string[];
  close(): void;
}

/** Starts a Python whose namespace is set up by running `setup` (statements: imports, arrays). */
export function pythonRepl(setup: string): PythonRepl {
  const child = spawn(PYTHON, ['-c', SERVER, JSON.stringify(setup)], { stdio: ['pipe', 'pipe', 'inherit'] });
  const lines = createInterface({ input: child.stdout });
  const waiting: Array<(line: string) => void> = [];
  lines.on('line', (line) => waiting.shift()?.(line));
  child.stdin.write('go\n');
  const log: string[] = [];
  return {
    log,
    evaluate(expression) {
      log.push(expression);
      return new Promise((resolve, reject) => {
        waiting.push((line) => {
          const r = JSON.parse(line) as { ok: boolean; result?: string; error?: string };
          if (r.ok) resolve(r.result ?? '');
          else reject(new Error(r.error));
        });
        child.stdin.write(JSON.stringify(expression) + '\n');
      });
    },
    close() {
      child.stdin.end();
      child.kill();
    },
  };
}

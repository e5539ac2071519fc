// Runs Python code with Debian's numpy and scipy (installed by scripts/harness/python.mjs, which `npm test` runs before
// the unit tier): the independent reference for printed arrays, dtype rules and exported code.
import { spawnSync } from 'node:child_process';
import { PYTHON } from '../../../scripts/harness/python.mjs';

/**
 * Runs `code` with `PYTHON` (stdin, so quotes need no escaping) and returns its standard output. Throws with the
 * script's standard error when it fails, and with the install hint when numpy is missing.
 */
export function python(code: string): string {
  const r = spawnSync(PYTHON, ['-'], { input: code, encoding: 'utf8', maxBuffer: 64 << 20 });
  if (r.status !== 0) {
    const hint = /No module named '(numpy|scipy|PIL|cv2)'/.test(r.stderr)
      ? ' (run `node scripts/harness/python.mjs`)'
      : '';
    throw new Error(`python failed${hint}: ${r.stderr || r.error?.message || `exit ${r.status}`}`);
  }
  return r.stdout;
}

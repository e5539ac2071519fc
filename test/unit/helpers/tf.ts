// tfjs for Node unit tests: the pure-JS cpu backend, and the gradients that tfjs-core's Node bundle does not register.
// tfjs-core ships its gradient registrations only as extensionless ES modules (dist/register_all_gradients.js), which
// Node cannot load directly, so they are bundled once with esbuild into a CommonJS file and required. The
// registrations land in tfjs's global registry (shared by every copy of tfjs-core), so the cpu backend sees them.

import { createRequire } from 'node:module';
import { existsSync, mkdtempSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildSync } from 'esbuild';
import { env, getBackend, getGradient, setBackend, version_core } from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';

const require = createRequire(import.meta.url);

function registerAllGradients(): void {
  if (getGradient('Conv2D') != null) return;
  const file = join(tmpdir(), `conv2d-lens-tfjs-gradients-${version_core}.cjs`);
  if (!existsSync(file)) {
    const built = buildSync({
      entryPoints: [require.resolve('@tensorflow/tfjs-core/dist/register_all_gradients.js')],
      bundle: true,
      format: 'cjs',
      platform: 'node',
      write: false,
      logLevel: 'silent',
    });
    // Write then rename: test files run in parallel processes and must never read a half-written file.
    const tmp = join(mkdtempSync(join(tmpdir(), 'conv2d-lens-')), 'gradients.cjs');
    writeFileSync(tmp, built.outputFiles[0].text);
    renameSync(tmp, file);
  }
  require(file);
  if (getGradient('Conv2D') == null) throw new Error('test setup: tfjs gradients did not register');
}

/** Selects the cpu backend and registers the gradients; await it before using tfjs in a test file. */
export async function useCpuBackend(): Promise<void> {
  env().set('IS_TEST', true); // silences the "install tfjs-node" banner
  registerAllGradients();
  if (!(await setBackend('cpu')) || getBackend() !== 'cpu') throw new Error('test setup: tfjs cpu backend unavailable');
}

// TensorFlow.js backend selection for the views: WebGL first, then the CPU backend, with the reason for every
// fallback kept so the badge can say why. Only the kernels the views use are bundled (named imports).
import { env, getBackend, ready, setBackend } from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import '@tensorflow/tfjs-core/dist/public/chained_ops/register_all_chained_ops';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-webgl';
import type { BackendPreference } from '../../src/protocol/messages';
import { post } from './host';

/** The backend in use and why it was chosen. */
export interface BackendChoice {
  backend: string;
  reason: string;
}

// A backend switch can hang (e.g. wasm without 'wasm-unsafe-eval'; FACTS.md): never wait longer than this.
const SWITCH_TIMEOUT_MS = 5000;

async function trySwitch(name: string): Promise<string | undefined> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<string>((resolve) => {
    timer = setTimeout(() => resolve(`${name} did not start within ${SWITCH_TIMEOUT_MS / 1000} s`), SWITCH_TIMEOUT_MS);
  });
  const attempt = (async () => {
    try {
      // setBackend returns false (it does not throw) when the backend cannot initialise.
      const ok = await setBackend(name);
      await ready();
      return ok && getBackend() === name ? undefined : `${name} could not initialise`;
    } catch (e) {
      return `${name} failed: ${e instanceof Error ? e.message : String(e)}`;
    }
  })();
  const failure = await Promise.race([attempt, timeout]);
  clearTimeout(timer);
  return failure;
}

/** The order in which backends are tried for a preference; the chain always ends at cpu. */
export function backendChain(pref: BackendPreference): string[] {
  if (pref === 'cpu') return ['cpu'];
  // wasm is not bundled in the views yet (it needs 'wasm-unsafe-eval' in the CSP): 'wasm' falls back like 'auto'.
  return ['webgl', 'cpu'];
}

/**
 * Picks the first backend of the chain that starts, tells the host, and returns the choice.
 * Software WebGL (SwiftShader, llvmpipe) is allowed: many Linux installs have nothing better.
 */
export async function chooseBackend(pref: BackendPreference): Promise<BackendChoice> {
  env().set('SOFTWARE_WEBGL_ENABLED', true);
  // Freed textures would otherwise stay allocated for reuse (GBs after large inputs); 0 returns them at once.
  env().set('WEBGL_DELETE_TEXTURE_THRESHOLD', 0);
  const failures: string[] = [];
  for (const name of backendChain(pref)) {
    const failure = await trySwitch(name);
    if (!failure) {
      const reason = failures.length
        ? `${failures.join('; ')} → ${name}`
        : pref === 'auto' ? `${name}: first in the chain` : `${name}: set by conv2d.backend`;
      const choice = { backend: name, reason };
      post({ type: 'backend', ...choice });
      return choice;
    }
    failures.push(failure);
  }
  throw new Error(`no TensorFlow.js backend could start: ${failures.join('; ')}`);
}

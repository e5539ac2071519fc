// TensorFlow.js backend selection for the views: WebGL first, then the CPU backend, with the reason for every
// fallback kept so the badge can say why. Only the kernels the views use are bundled (./tfjs-kernels); gradients
// are registered by the Learn view alone (webview-ui/learn/gradients.ts).
import { env, getBackend, ready, setBackend } from '@tensorflow/tfjs-core';
import './tfjs-kernels';
import { FastCorr2d } from '../../src/core/fast';
import type { BackendPreference } from '../../src/protocol/messages';
import {
  backendChoice,
  chooseConvPath,
  ForwardCorr,
  softwareWebgl,
  type ConvPathChoice,
  type SplitOver,
} from './conv-path';
import { post } from './host';

/** The tfjs backend in use and why it was chosen, and the forward convolution path beside it. */
export interface BackendChoice {
  backend: string;
  reason: string;
  /** Where forward cross-correlations run (see conv-path.ts). */
  conv: ConvPathChoice;
  /**
   * A new forward cross-correlation on `conv.path` (one per image a view keeps loaded). `split`: on wasm-simd, with
   * the workers it starts beside the engine for large correlations (new workers per call: keep it for the page's main
   * image).
   */
  forward(split?: SplitOver): ForwardCorr;
  /** A new fast engine when `conv.path` is 'wasm-simd' or 'js' (Learn's photo mode steps on it), else undefined. */
  engine(): FastCorr2d | undefined;
}

// A backend switch can hang (tfjs's wasm backend waits for ever when the page may not compile WebAssembly): never
// wait longer than this.
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
      if (ok && getBackend() === name) return undefined;
      const why = name === 'webgl' ? webglUnavailable() : undefined;
      return `${name} could not initialise${why ? `: ${why}` : ''}`;
    } catch (e) {
      return `${name} failed: ${e instanceof Error ? e.message : String(e)}`;
    }
  })();
  const failure = await Promise.race([attempt, timeout]);
  clearTimeout(timer);
  return failure;
}

/**
 * Why this page has no WebGL, or undefined when a context can be made (then tfjs failed for another reason). tfjs
 * only logs "WebGL is not supported on this device" to the console; Chromium's `webglcontextcreationerror` event
 * carries the browser's own reason (e.g. GPU and software rasteriser both disabled).
 */
export function webglUnavailable(): string | undefined {
  const canvas = document.createElement('canvas');
  let status = '';
  canvas.addEventListener('webglcontextcreationerror', (e) => {
    status ||= (e as WebGLContextEvent).statusMessage;
  });
  const gl = canvas.getContext('webgl2') ?? canvas.getContext('webgl');
  if (gl) {
    gl.getExtension('WEBGL_lose_context')?.loseContext();
    return undefined;
  }
  // Chromium's message starts with the reason, then lists GPU ids ("…, VENDOR = 0xffff, DEVICE = …"): keep the reason.
  const first = status.split(',')[0].trim();
  return `no WebGL context in this webview (${first || 'WebGL is disabled or has no renderer'})`;
}

/** The order in which backends are tried for a preference; the chain always ends at cpu. */
export function backendChain(pref: BackendPreference): string[] {
  // 'wasm' runs forward passes on the fast wasm-SIMD engine (conv-path.ts); gradients stay on tfjs cpu.
  if (pref === 'cpu' || pref === 'wasm') return ['cpu'];
  return ['webgl', 'cpu'];
}

/**
 * Picks the first backend of the chain that starts, then the forward convolution path for this machine, tells the
 * host, and returns both. Software WebGL (SwiftShader, llvmpipe) is allowed for tfjs (it has the gradients), but
 * forward passes then run on the fast engine, and tfjs convolutions without im2col (several times faster there;
 * measured by `npm run bench`, bench/last-run.md).
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
        : pref === 'auto'
          ? `${name}: first in the chain`
          : pref === 'wasm'
            ? `${name}: gradients (conv2d.backend = wasm)`
            : `${name}: set by conv2d.backend`;
      const software = name === 'webgl' ? softwareWebgl() : undefined;
      if (software) env().set('WEBGL_CONV_IM2COL', false);
      const { choice: conv } = chooseConvPath(pref, name, software, () => FastCorr2d.create());
      post({ type: 'backend', backend: name, reason: `${reason}; convolution path ${conv.path}: ${conv.reason}` });
      return backendChoice(name, reason, conv);
    }
    failures.push(failure);
  }
  throw new Error(`no TensorFlow.js backend could start: ${failures.join('; ')}`);
}

// Debian's Python with numpy and scipy, for the tests that check the product against the real libraries (printed
// arrays, dtype rules, exported code), and the image readers exported photo code uses: Pillow, and OpenCV for 16-bit
// colour PNGs (Pillow reads those at 8 bits). Installed with apt when missing (pip cannot reach its registry on the CI
// machines), idempotently. Run directly (`node scripts/harness/python.mjs`) or import `ensurePython()`.
import { spawnSync } from 'node:child_process';
import { pathToFileURL } from 'node:url';

/** The Python the tests run: Debian's, where apt installs numpy and scipy (a pyenv `python3` first on PATH lacks them). */
export const PYTHON = '/usr/bin/python3';

const packages = ['python3-numpy', 'python3-scipy', 'python3-pil', 'python3-opencv'];

function hasModules() {
  return spawnSync(PYTHON, ['-c', 'import numpy, scipy, PIL, cv2'], { stdio: 'ignore' }).status === 0;
}

/** Makes `PYTHON` import numpy, scipy, PIL and cv2, installing the Debian packages once; throws when that fails. */
export function ensurePython() {
  if (hasModules()) return PYTHON;
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const apt = (...args) => spawnSync('apt-get', args, { stdio: 'inherit', env });
  if (apt('install', '-y', '--no-install-recommends', ...packages).status !== 0) {
    apt('update');
    apt('install', '-y', '--no-install-recommends', ...packages);
  }
  if (!hasModules())
    throw new Error(
      `python: ${PYTHON} cannot import numpy, scipy, PIL and cv2 (apt install ${packages.join(' ')} failed)`,
    );
  return PYTHON;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  ensurePython();
  console.log(`python: ${PYTHON} imports numpy, scipy, PIL and cv2`);
}

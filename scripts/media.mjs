// `npm run media`: makes the published images from the real extension, never by hand —
//   1. media/icon.png, the Marketplace icon, rendered from media/icon.svg by Chromium (scripts/media/icon.mjs);
//   2. the walkthrough's step images (media/walkthrough/, light and dark, packed into the .vsix) and the README's
//      screenshots and animated GIF (docs/images/, left out of the .vsix): test/e2e/walkthrough.e2e.test.ts drives the
//      packaged extension in code-server and, with CONV2D_MEDIA=write, writes what it captured into the repository
//      (without it, as in `npm test`, the same images go to test-results/media/).
// Heavy (Chromium and code-server): on a shared machine run it under the CPU lock.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { install } from './harness/install.mjs';
import { packageVsix, root } from './harness/server.mjs';
import { renderIcon } from './media/icon.mjs';

install();
const icon = await renderIcon(root, join(root, 'media', 'icon.png'), join(root, '.state', 'media-icon-chromium'));
console.log(`media: ${icon}`);
const vsix = packageVsix();
const test = join(root, 'test', 'e2e', 'walkthrough.e2e.test.ts');
const r = spawnSync(
  process.execPath,
  ['--import', 'tsx', '--test', '--test-concurrency=1', '--test-timeout=900000', test],
  { cwd: root, stdio: 'inherit', env: { ...process.env, CONV2D_MEDIA: 'write', CONV2D_VSIX: vsix } },
);
process.exit(r.status ?? 1);

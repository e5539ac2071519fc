// The end-to-end tier as one process (the README's test command runs this file): every *.e2e.test.ts in this folder,
// sharing one VS Code session while they need the same workspace, Chromium flags, display language and package —
// a launch costs ~50 s on the 2-core CI machine. Files that need their own session run last.
// Each file still runs alone: `node --import tsx --test test/e2e/<file>.e2e.test.ts`.
import { after } from 'node:test';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { closeShared, shareSessions } from './harness';

shareSessions();
const dir = __dirname;
// CONV2D_E2E_ONLY=regex runs the matching files only (e.g. `export|findings` to check two files together).
const only = new RegExp(process.env.CONV2D_E2E_ONLY ?? '');
const own = (f: string) =>
  /launch\(\{[^}]*(folder|chromiumArgs|locale|vsix|ownSession)/.test(readFileSync(join(dir, f), 'utf8'));
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.e2e.test.ts') && only.test(f))
  .sort((a, b) => Number(own(a)) - Number(own(b)) || a.localeCompare(b));
// The package is CommonJS, so no top-level await: require registers each file's tests in order.
// eslint-disable-next-line @typescript-eslint/no-require-imports
for (const f of files) require(`./${f}`);
after(closeShared);

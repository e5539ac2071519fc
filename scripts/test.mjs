// The README's test command: every tier, in order, then one closing line "N passed, N failed".
// Tiers: static checks (lint, typecheck), unit (Node, tfjs cpu), then the tiers that need a real VS Code: the
// extension-host tier (mocha inside code-server's extension host) and the end-to-end tier (Playwright + Chromium
// against code-server with the packaged .vsix). The harness installs itself on first use (apt, Node 24, code-server).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const totals = { passed: 0, failed: 0 };

function run(label, cmd, args, env = {}) {
  console.log(`\n=== ${label}: ${cmd} ${args.join(' ')}`);
  const started = Date.now();
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  console.log(`=== ${label}: ${r.status === 0 ? 'ok' : 'FAILED'} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return r.status === 0;
}

/** A step that is not a test runner counts as one test. */
function step(label, cmd, args) {
  if (run(label, cmd, args)) totals.passed++;
  else {
    totals.failed++;
    console.log(`FAILED: ${label}`);
  }
}

/** Test files under `dir` whose names end with `suffix` (Node 20's --test does not expand globs itself). */
function testFiles(dir, suffix) {
  if (!existsSync(join(root, dir))) return [];
  return readdirSync(join(root, dir), { recursive: true })
    .filter((f) => f.endsWith(suffix))
    .sort()
    .map((f) => join(dir, f));
}

/** node:test over `files` with the spec reporter on screen and TAP in a file we count from. */
function nodeTests(label, files, env = {}, extraArgs = []) {
  if (files.length === 0) {
    console.log(`\n=== ${label}: no test files`);
    totals.failed++;
    return;
  }
  const dir = mkdtempSync(join(tmpdir(), 'conv2d-tap-'));
  const tap = join(dir, 'out.tap');
  const ok = run(
    label,
    process.execPath,
    [
      '--import',
      'tsx',
      '--test',
      '--test-reporter=spec',
      '--test-reporter-destination=stdout',
      '--test-reporter=tap',
      `--test-reporter-destination=${tap}`,
      ...extraArgs,
      ...files,
    ],
    env,
  );
  const text = existsSync(tap) ? readFileSync(tap, 'utf8') : '';
  const count = (name) => Number((text.match(new RegExp(`^# ${name} (\\d+)`, 'm')) ?? [])[1] ?? 0);
  totals.passed += count('pass');
  totals.failed += count('fail') + (ok || count('fail') ? 0 : 1);
  rmSync(dir, { recursive: true, force: true });
}

step('build', 'npm', ['run', '--silent', 'build']);
step('lint', 'npm', ['run', '--silent', 'lint']);
step('typecheck', 'npm', ['run', '--silent', 'typecheck']);
// numpy and scipy are the unit tier's reference for printed arrays, dtypes and exported code.
step('install Python with numpy, scipy, Pillow and OpenCV', process.execPath, ['scripts/harness/python.mjs']);
nodeTests('unit tests', testFiles('test/unit', '.unit.test.ts'));

/** The extension-host tier: its runner writes every mocha outcome to a JSON file, counted here test by test. */
function vscodeTests() {
  const dir = mkdtempSync(join(tmpdir(), 'conv2d-vscode-'));
  const file = join(dir, 'result.json');
  const ok = run('extension-host tests', process.execPath, ['scripts/harness/vscode-tests.mjs', '--result', file]);
  const outcomes = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')).outcomes : [];
  const failed = outcomes.filter((o) => o.state === 'failed').length;
  totals.passed += outcomes.length - failed;
  totals.failed += failed + (ok || failed ? 0 : 1);
  rmSync(dir, { recursive: true, force: true });
}

/** Packs the .vsix once for every end-to-end test file (each file starts its own code-server with it). */
function packageVsix() {
  const vsix = join(root, 'dist', 'conv2d-lens.vsix');
  rmSync(vsix, { force: true });
  step('package .vsix', 'npx', ['vsce', 'package', '--no-dependencies', '--out', vsix]);
  return existsSync(vsix) ? vsix : undefined;
}

step('install the VS Code harness', process.execPath, ['scripts/harness/install.mjs']);
vscodeTests();
const vsix = packageVsix();
if (vsix) {
  // One process for every e2e file (test/e2e/suite.ts), sharing one code-server and Chromium where it can: the CI
  // machine has 2 cores and a launch costs ~50 s.
  nodeTests('end-to-end tests', ['test/e2e/suite.ts'], { CONV2D_VSIX: vsix }, [
    '--test-concurrency=1',
    // The limit applies to suite.ts as a whole (node:test times a file as one test); Playwright's own waits bound
    // each step inside it.
    '--test-timeout=1800000',
  ]);
}

console.log(`\n${totals.passed} passed, ${totals.failed} failed`);
process.exit(totals.failed === 0 && totals.passed > 0 ? 0 : 1);

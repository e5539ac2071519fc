// The README's test command: every tier, in order, then one closing line "N passed, N failed".
// Tiers: static checks (lint, typecheck), unit (Node, tfjs cpu), then the tiers that need a real VS Code.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const totals = { passed: 0, failed: 0 };

function run(label, cmd, args, env = {}) {
  console.log(`\n=== ${label}: ${cmd} ${args.join(' ')}`);
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
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

/** node:test with the spec reporter on screen and TAP in a file we count from. */
function nodeTests(label, pattern) {
  const dir = mkdtempSync(join(tmpdir(), 'conv2d-tap-'));
  const tap = join(dir, 'out.tap');
  const ok = run(label, process.execPath, [
    '--import', 'tsx', '--test',
    '--test-reporter=spec', '--test-reporter-destination=stdout',
    '--test-reporter=tap', `--test-reporter-destination=${tap}`,
    pattern,
  ]);
  const text = readFileSync(tap, 'utf8');
  const count = (name) => Number((text.match(new RegExp(`^# ${name} (\\d+)`, 'm')) ?? [])[1] ?? 0);
  totals.passed += count('pass');
  totals.failed += count('fail') + (ok || count('fail') ? 0 : 1);
  rmSync(dir, { recursive: true, force: true });
}

step('build', 'npm', ['run', '--silent', 'build']);
step('lint', 'npm', ['run', '--silent', 'lint']);
step('typecheck', 'npm', ['run', '--silent', 'typecheck']);
nodeTests('unit tests', 'test/unit/**/*.unit.test.ts');

console.log(`\n${totals.passed} passed, ${totals.failed} failed`);
process.exit(totals.failed === 0 && totals.passed > 0 ? 0 : 1);

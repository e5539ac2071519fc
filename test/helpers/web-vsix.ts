// The package of the web-only build: the packed .vsix with "main" dropped from extension/package.json, so VS Code can
// only run the "browser" entry, in its web worker extension host (an extension with both runs on Node wherever Node
// is there: https://code.visualstudio.com/api/advanced-topics/extension-host). The end-to-end tier installs it.
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';

const MANIFEST = 'extension/package.json';
const VSIX_MANIFEST = 'extension.vsixmanifest';

/** The path inside the package of a manifest entry such as "./dist/web/extension.js" (resolved from extension/). */
function entryPath(entry: string): string {
  const rel = entry.replace(/^\.\//, '');
  return `extension/${rel}${/\.[cm]?js$/.test(rel) ? '' : '.js'}`;
}

/**
 * Rewrites a .vsix (a zip archive) into its web-only variant: "main" removed from extension/package.json, and the
 * marketplace manifest's ExtensionKind property set to "web" (what vsce writes for a manifest with only "browser").
 * Every other file is kept byte for byte. Throws when the package has no "browser" entry, or lacks the file it names.
 */
export function webOnlyVsix(vsix: Uint8Array): Uint8Array {
  const files = unzipSync(vsix);
  if (!files[MANIFEST]) throw new Error(`webOnlyVsix: the package has no ${MANIFEST}`);
  const pkg = JSON.parse(strFromU8(files[MANIFEST])) as { main?: string; browser?: string };
  if (typeof pkg.browser !== 'string') throw new Error(`webOnlyVsix: ${MANIFEST} has no "browser" entry`);
  if (!files[entryPath(pkg.browser)]) {
    throw new Error(
      `webOnlyVsix: the "browser" entry ${pkg.browser} is not in the package (${entryPath(pkg.browser)})`,
    );
  }
  delete pkg.main;
  files[MANIFEST] = strToU8(JSON.stringify(pkg, null, 2) + '\n');
  if (files[VSIX_MANIFEST]) {
    const xml = strFromU8(files[VSIX_MANIFEST]).replace(
      /(Id="Microsoft\.VisualStudio\.Code\.ExtensionKind" Value=")[^"]*"/,
      '$1web"',
    );
    files[VSIX_MANIFEST] = strToU8(xml);
  }
  return zipSync(files);
}

/** The names of the files in a .vsix, and its extension/package.json parsed. */
export function vsixContents(vsix: Uint8Array): { files: string[]; manifest: Record<string, unknown> } {
  const files = unzipSync(vsix);
  return { files: Object.keys(files).sort(), manifest: JSON.parse(strFromU8(files[MANIFEST])) };
}

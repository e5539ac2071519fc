// Types for web-host.mjs (used by the unit test that builds the web worker bundle in memory).
import type { BuildOptions } from 'esbuild';

/** esbuild options of the extension host's web worker bundle (package.json "browser"), without the shared flags. */
export function webHostOptions(root: string): BuildOptions & { outfile: string };

import type { BuildOptions } from 'esbuild';

export function webviewEntries(root: string): { in: string; out: string }[];
export function webviewOptions(root: string, outdir: string): BuildOptions & { metafile: true };

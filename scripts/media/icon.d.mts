// Types for icon.mjs (the end-to-end tier renders the icon again and compares it with the committed one).

/** Side of the PNG, in pixels. */
export const ICON_SIZE: number;
/** Background of the icon and of the Marketplace banner. */
export const ICON_BACKGROUND: string;
/** Colour of the kernel's window. */
export const ICON_ACCENT: string;
/** The icon's SVG document built from media/icon.svg's text. */
export function iconSvg(svg: string): string;
/** Renders `root`/media/icon.svg to `out` (a PNG) in Chromium with a fresh profile in `profile`; returns `out`. */
export function renderIcon(root: string, out: string, profile: string): Promise<string>;

// The marketplace icon: media/icon.svg (the activity-bar icon, strokes in currentColor) drawn in white on a rounded
// square, rendered by Chromium to a 128×128 PNG — the Marketplace takes no SVG icons (vsce refuses them) and asks for
// at least 128×128 pixels (code.visualstudio.com/api/references/extension-manifest, "icon").
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { launchBrowser } from '../harness/browser.mjs';

/** Side of the PNG, in pixels. */
export const ICON_SIZE = 128;
/** Background of the icon and of the Marketplace banner (package.json galleryBanner.color). */
export const ICON_BACKGROUND = '#1e3a5f';
/** Colour of the kernel's window (the dashed square of icon.svg); the input grid is white. */
export const ICON_ACCENT = '#ffb347';

/**
 * The icon's SVG document: `svg` (media/icon.svg) nested at 100 of 128 units, stroked in white with the dashed kernel
 * window in ICON_ACCENT, on a rounded square of ICON_BACKGROUND. Throws when `svg` has no root <svg> element.
 */
export function iconSvg(svg) {
  const root = /<svg\b[^>]*>/.exec(svg);
  if (!root) throw new Error('icon: media/icon.svg has no <svg> element');
  // The activity-bar icon's own 24×24 size gives way to the inner box; its viewBox keeps the drawing's proportions.
  const inner = root[0]
    .replace(/\s(width|height|x|y)="[^"]*"/g, '')
    .replace('<svg', '<svg x="14" y="14" width="100" height="100"');
  const body = svg.slice(root.index + root[0].length);
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${ICON_SIZE}" height="${ICON_SIZE}" viewBox="0 0 128 128">`,
    `<style>[stroke-dasharray]{stroke:${ICON_ACCENT}}</style>`,
    `<rect width="128" height="128" rx="24" fill="${ICON_BACKGROUND}"/>`,
    `<g color="#ffffff">${inner}${body}</g>`,
    '</svg>',
  ].join('');
}

/** Renders `root`/media/icon.svg to `out` (PNG with alpha, ICON_SIZE²) in Chromium; returns `out`. */
export async function renderIcon(root, out, profile) {
  const svg = iconSvg(readFileSync(join(root, 'media', 'icon.svg'), 'utf8'));
  const browser = await launchBrowser(profile);
  try {
    const { page } = browser;
    await page.setViewportSize({ width: ICON_SIZE, height: ICON_SIZE });
    await page.setContent(`<html><body style="margin:0;background:transparent">${svg}</body></html>`);
    await page.locator('svg').first().screenshot({ path: out, omitBackground: true });
    return out;
  } finally {
    await browser.close();
  }
}

import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { WORKSPACE } from './bridge';

export const SCREENSHOT_DIR = path.join(WORKSPACE, 'test-artifacts/screenshots');

/** Saves a full-page PNG named `<name>-<desktop|phone>.png` for people to look at. */
export async function screenshot(page: Page, name: string): Promise<string> {
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const width = page.viewportSize()?.width ?? 1280;
  const file = path.join(SCREENSHOT_DIR, `${name}-${width < 600 ? 'phone' : 'desktop'}.png`);
  // Let pending polls settle and animations reach a calm frame.
  await page.waitForLoadState('networkidle').catch(() => undefined);
  // Toasts are fixed-position and transient; in a full-page picture they would float mid-page.
  await page.screenshot({
    path: file,
    fullPage: true,
    animations: 'disabled',
    style: '.toasts { display: none; }',
  });
  return file;
}

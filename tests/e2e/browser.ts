/**
 * Headless Debian Chromium through playwright-core. A missing browser fails the suite with the
 * command that installs it; it never skips.
 */
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { chromium, type Browser, type Page } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/** Headless, and no background traffic: this machine's network is closed, and Chromium would keep retrying. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
] as const;

export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM))
    throw new Error(
      `The browser tests need Chromium at ${CHROMIUM}. Install it with: apt-get update && apt-get install -y chromium (or set CHROMIUM_PATH).`,
    );
  // playwright-core gives every launch a fresh, empty profile directory of its own.
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [...CHROMIUM_ARGS],
  });
}

/** Screen sizes the end-to-end tests take screenshots at. */
export const SMALL = { width: 1280, height: 800 } as const;
export const LARGE = { width: 1920, height: 1080 } as const;

/** Collect a page's console errors and uncaught exceptions, each prefixed with whose page it was. */
export function collectErrors(page: Page, label: string, sink: string[]): void {
  page.on('console', (m) => {
    if (m.type() === 'error') sink.push(`${label}: ${m.text()}`);
  });
  page.on('pageerror', (e) => sink.push(`${label}: ${e.message}`));
}

/** Join from the join screen with a seat's code, a display name and (for a nation) a position. */
export async function joinWithCode(page: Page, code: string, name: string, position?: string): Promise<void> {
  await page.fill('input[name="code"]', code);
  await page.fill('input[name="displayName"]', name);
  if (position) {
    await page.waitForSelector(`select[name="position"] option[value="${position}"]`, { state: 'attached' });
    await page.selectOption('select[name="position"]', position);
  }
  await page.click('form.join button[type="submit"]');
  await page.waitForSelector('.app .topbar');
}

/** Open a side panel by its tab. */
export async function openTab(page: Page, id: string): Promise<void> {
  await page.click(`.tabs button[data-panel="${id}"]`);
  await page.waitForSelector(`.tabs button[data-panel="${id}"][aria-selected="true"]`);
}

/**
 * Screenshots of the page as it is, at each size: `<dir><name>-<width>.png`. The page is left at
 * the first size. `focus`, if given, is scrolled into view in its panel before each shot.
 */
export async function screenshotAt(
  page: Page,
  dir: string,
  name: string,
  sizes: ReadonlyArray<{ width: number; height: number }> = [SMALL, LARGE],
  focus?: string,
): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  const paths: string[] = [];
  for (const size of sizes) {
    const was = page.viewportSize();
    if (was?.width !== size.width || was.height !== size.height) {
      await page.setViewportSize(size);
      // Let the map and the panel lay themselves out again at the new size.
      await page.waitForTimeout(400);
    }
    if (focus)
      await page
        .locator(focus)
        .first()
        .evaluate((el) => el.scrollIntoView({ block: 'start' }));
    const path = `${dir}${name}-${size.width}.png`;
    await page.screenshot({ path });
    paths.push(path);
  }
  const first = sizes[0];
  if (first && sizes.length > 1) {
    await page.setViewportSize(first);
    await page.waitForTimeout(400);
  }
  return paths;
}

/**
 * End to end in real Chromium: exercise control and two nations, each in its own browser
 * context, play a turn of Harbour Watch through the built client served by the real server.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { parseScenarioText } from '../../shared/src/scenario/index.ts';
import { releasableTo } from '../../shared/src/engine/index.ts';
import { useE2E } from './rig.ts';
import { collectErrors, joinWithCode, openTab } from './browser.ts';
import { readFileSync } from 'node:fs';

const ARTIFACTS = fileURLToPath(new URL('../../artifacts/', import.meta.url));
const scenario = (() => {
  const r = parseScenarioText(readFileSync(new URL('../../scenarios/harbour-watch.json', import.meta.url), 'utf8'));
  if (!r.ok) throw new Error('harbour-watch does not validate');
  return r.scenario;
})();

const rig = useE2E('concord-e2e-');

const contexts = rig.contexts;
const consoleErrors: string[] = [];
let codes: Array<{ role?: string; nation?: string; code: string }> = [];

async function openPage(label: string, size = { width: 1280, height: 800 }): Promise<Page> {
  const ctx = await rig.browser().newContext({ viewport: size, deviceScaleFactor: 1 });
  contexts.push(ctx);
  const page = await ctx.newPage();
  collectErrors(page, label, consoleErrors);
  await page.goto(rig.server().url);
  return page;
}

const shot = async (page: Page, name: string) => {
  await mkdir(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: `${ARTIFACTS}${name}.png` });
};

const tab = openTab;
const joinAs = joinWithCode;

/** The map's own record of a region, as Phaser drew it. */
const mapRegion = (page: Page, id: string) => page.evaluate((rid) => window.__concordMap?.regions.find((r) => r.id === rid) ?? null, id);

const viewSeq = (page: Page) => page.evaluate(() => window.__concord?.seq() ?? 0);

/** How many distinct colours a screenshot of the map holds (a blank canvas has one or two). */
async function mapColours(page: Page): Promise<number> {
  const png = PNG.sync.read(await page.locator('.map').screenshot());
  const colours = new Set<number>();
  for (let i = 0; i < png.data.length; i += 4 * 7) colours.add((png.data[i]! << 16) | (png.data[i + 1]! << 8) | png.data[i + 2]!);
  return colours.size;
}

describe('a turn played from the browser', () => {
  it('create, join by code, release and read an inject, talk, act, adjudicate, and see the map change', async () => {
    // 1. Exercise control creates the exercise and gets the codes.
    const control = await openPage('control');
    await control.click('a[href="#/create"]');
    await control.check('input[name="scenario"][value="harbour-watch"]');
    await control.click('form.create button[type="submit"]');
    await control.waitForSelector('.slip');
    await shot(control, 'codes-1280');
    codes = await control.$$eval('.slip', (slips) =>
      slips.map((s) => ({
        role: (s as HTMLElement).dataset.role,
        nation: (s as HTMLElement).dataset.nation,
        code: s.querySelector('.slip-code')!.textContent,
      })),
    );
    expect(codes).toHaveLength(6);
    const codeOf = (role: string, nation = '') => codes.find((c) => c.role === role && c.nation === nation)!.code;
    await control.click('text=Join as exercise control');
    await control.waitForSelector('.app.role-facilitator');

    // 2. Two nations join with their codes, in their own browser contexts.
    const arn = await openPage('ARN');
    await joinAs(arn, codeOf('nation', 'ARN'), 'Astrid (ARN)', 'fm');
    const brv = await openPage('BRV');
    await joinAs(brv, codeOf('nation', 'BRV').toLowerCase(), 'Bruno (BRV)');
    await expect.poll(() => arn.textContent('.banner')).toContain('EXERCISE HARBOUR WATCH');
    await expect.poll(() => arn.textContent('.link')).toContain('Connected');

    // The map is drawn, and not blank.
    await arn.waitForFunction(() => window.__concordMap?.ready === true, undefined, { timeout: 30_000 });
    await control.waitForFunction(() => window.__concordMap?.ready === true, undefined, { timeout: 30_000 });
    expect(await mapColours(arn)).toBeGreaterThan(12);

    // 3. Control starts the exercise and releases the manual inject for Arnholm.
    await tab(control, 'control');
    await control.click('button:has-text("Start exercise")');
    await expect.poll(() => arn.textContent('.topbar .turn')).toContain('Turn 1 of 3');
    await tab(control, 'injects');
    await control.selectOption('select[aria-label="Show injects of"]', 'all');
    await control.click('[data-inject="hw-inj-05"] button:has-text("Release now")');
    await expect.poll(() => control.textContent('[data-inject="hw-inj-05"] .tag')).toContain('released');

    // 4. Arnholm reads it: unread until opened, then acknowledged.
    await tab(arn, 'inbox');
    await arn.waitForSelector('.item-head.unread[data-inject="hw-inj-05"]');
    const unreadBefore = Number(await arn.textContent('.tabs button[data-panel="inbox"] .count'));
    await arn.click('[data-inject="hw-inj-05"]');
    await expect.poll(() => arn.textContent('.panel')).toContain('extraordinary meeting of the Parties');
    await expect.poll(async () => Number((await arn.textContent('.tabs button[data-panel="inbox"] .count')) ?? 0)).toBe(unreadBefore - 1);
    await shot(arn, 'team-inbox-1280');

    // 5. Arnholm writes to Bravaria; Bravaria reads it.
    await tab(control, 'control');
    await control.click('button:has-text("Next phase")');
    await tab(arn, 'channels');
    await arn.check('.composer input[value="BRV"]');
    await arn.fill('.composer textarea', 'Shall we call consultations under Article 2?');
    await arn.click('.composer button[type="submit"]');
    await tab(brv, 'channels');
    await expect.poll(() => brv.textContent('.thread')).toContain('Shall we call consultations under Article 2?');
    await expect.poll(() => brv.textContent('.thread')).toContain('Astrid (ARN) (Arnholm — Foreign Minister)');

    // A refusal is shown next to the control that sent it: actions are not open yet.
    await tab(arn, 'actions');
    await arn.fill('.action-form input[name="title"]', 'Escort the ferries');
    await arn.fill('.action-form textarea[name="text"]', 'Frigate escort through the Grey Sound.');
    await arn.selectOption('.action-form select[name="regions"]', ['grey-sound']);
    await arn.click('.action-form button[type="submit"]');
    await expect.poll(() => arn.textContent('.action-form .status-slot')).toMatch(/Refused: .*only during the "Submit actions" phase/);

    // 6. In the submit phase the action goes through.
    await control.click('button:has-text("Next phase")');
    await expect.poll(() => arn.textContent('.topbar .turn')).toContain('Submit actions');
    await arn.click('.action-form button[type="submit"]');
    await expect.poll(() => arn.textContent('.panel-actions .list')).toContain('Escort the ferries');
    await shot(arn, 'team-actions-1280');

    // 7. Control adjudicates: Arnholm takes the Grey Sound, stability 80.
    await control.click('button:has-text("Next phase")');
    await tab(control, 'adjudication');
    await control.check('.queue-item:has-text("Escort the ferries") input[type="checkbox"]');
    await control.fill('input[name="outcome-title"]', 'Escorts deter the patrol boats');
    await control.fill('textarea[name="outcome"]', 'Drexan patrol boats withdraw; ferries sail on time.');
    await control.click('button:has-text("+ Region effect")');
    const effect = control.locator('.effect[data-kind="region"]').last();
    await effect.locator('select[data-k="region"]').selectOption('grey-sound');
    await effect.locator('select[data-k="controller"]').selectOption('ARN');
    await effect.locator('input[data-k="stability"]').fill('80');
    // "Who reads it" starts empty for every new outcome: control releases this one to everyone.
    await expect.poll(() => control.textContent('.adjudication-form .vis-warning')).toContain('only exercise control will read');
    await control.check('.adjudication-form label:has-text("Everyone") input');
    const before = await mapRegion(arn, 'grey-sound');
    await control.click('.adjudication-form button[type="submit"]');
    // Recorded: the action leaves the queue, and the form starts afresh.
    await expect.poll(() => control.locator('.queue-item:has-text("Escort the ferries")').count()).toBe(0);
    expect(await control.inputValue('input[name="outcome-title"]')).toBe('');

    // 8. The map changes for Arnholm, and the outcome reads in its panel.
    await expect.poll(async () => (await mapRegion(arn, 'grey-sound'))?.controller, { timeout: 10_000 }).toBe('ARN');
    const after = await mapRegion(arn, 'grey-sound');
    expect(after?.fill).not.toBe(before?.fill);
    expect(after?.stability).toBe(80);
    await tab(arn, 'outcomes');
    await expect.poll(() => arn.textContent('.panel')).toContain('Escorts deter the patrol boats');
    await shot(arn, 'team-map-1280');
    await tab(control, 'control');
    await shot(control, 'console-1280');
  }, 240_000);

  it('a nation page never shows a report that is not releasable to it', async () => {
    const pages = contexts.map((c) => c.pages()[0]!).filter(Boolean);
    for (const page of pages) {
      const who = await page.evaluate(() => ({ role: window.__concord?.role ?? '', nation: window.__concord?.nation ?? null }));
      if (who.role !== 'nation' || !who.nation) continue;
      const text = await page.evaluate(() => `${document.body.innerText}\n${JSON.stringify(window.__concord?.view())}`);
      for (const r of scenario.intel) {
        const marker = `MARKER-${r.id.toUpperCase()}`;
        if (!releasableTo(r.originator, r.controls, who.nation)) expect(text, `${who.nation} must not see ${r.id}`).not.toContain(marker);
        expect(text).not.toContain(r.groundTruth);
      }
      await tab(page, 'intel');
      const dom = await page.textContent('.panel');
      for (const r of scenario.intel)
        if (!releasableTo(r.originator, r.controls, who.nation)) expect(dom).not.toContain(`MARKER-${r.id.toUpperCase()}`);
    }
  });

  it('the evaluator reads everything and writes notes; the observer sees only the public picture', async () => {
    const code = (role: string) => codes.find((c) => c.role === role)!.code;
    const evaluator = await openPage('evaluator');
    await joinAs(evaluator, code('evaluator'), 'Dr. Okafor');
    await evaluator.waitForSelector('.app.role-evaluator');
    await tab(evaluator, 'channels');
    await expect.poll(() => evaluator.textContent('.panel')).toContain('Shall we call consultations under Article 2?');
    expect(await evaluator.locator('.panel .composer').isHidden()).toBe(true);
    await tab(evaluator, 'notes');
    await evaluator.fill('textarea[name="note"]', 'ARN proposed consultations within the first phase.');
    await evaluator.click('.notes-form button[type="submit"]');
    await expect.poll(() => evaluator.textContent('.panel-notes .status-slot')).toContain('Done');
    await expect.poll(() => evaluator.textContent('.panel')).toContain('ARN proposed consultations within the first phase.');
    await shot(evaluator, 'evaluator-1280');

    const observer = await openPage('observer');
    await joinAs(observer, code('observer'), 'Projector');
    await observer.waitForSelector('.app.role-observer');
    await observer.waitForFunction(() => window.__concordMap?.ready === true, undefined, { timeout: 30_000 });
    await expect.poll(() => observer.textContent('.panel')).toContain('Escorts deter the patrol boats');
    const text = await observer.evaluate(() => `${document.body.innerText}\n${JSON.stringify(window.__concord?.view())}`);
    expect(text).not.toContain('Shall we call consultations');
    expect(text).not.toContain('ARN proposed consultations');
    expect(text).not.toContain('MARKER-');
    await shot(observer, 'observer-1280');
  }, 60_000);

  it('reads well at 1920×1080 too, and a reload keeps the seat', async () => {
    const arn = contexts[1]!.pages()[0]!;
    await arn.setViewportSize({ width: 1920, height: 1080 });
    await arn.reload();
    await arn.waitForSelector('.app.role-nation');
    await arn.waitForFunction(() => window.__concordMap?.ready === true, undefined, { timeout: 30_000 });
    expect(await viewSeq(arn)).toBeGreaterThan(5);
    await shot(arn, 'team-1920');
    const control = contexts[0]!.pages()[0]!;
    await control.setViewportSize({ width: 1920, height: 1080 });
    await shot(control, 'console-1920');
    // Control manages seats: sees who joined, and removes Bravaria's player, who is sent back to the join screen.
    await tab(control, 'seats');
    await expect.poll(() => control.textContent('.panel-seats')).toContain('Astrid (ARN)');
    const brv = contexts[2]!.pages()[0]!;
    control.once('dialog', (d) => void d.accept());
    await control.click('.panel-seats [data-participant]:has-text("Bruno (BRV)") button:has-text("Remove")');
    await brv.waitForSelector('form.join', { timeout: 15_000 });
    await expect.poll(() => brv.textContent('.notice')).toContain('removed you');
    await shot(control, 'console-seats-1920');
    await writeFile(`${ARTIFACTS}console-errors.txt`, consoleErrors.join('\n'));
    expect(consoleErrors).toEqual([]);
  }, 60_000);
});

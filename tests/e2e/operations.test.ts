/**
 * End to end in real Chromium: Harbour Watch, exercise control and two nations each in its own
 * browser context. Arnholm proposes a joint operation on its board (Grey Sound, a frigate, 30 M,
 * resting on the Harbour Compact's Article 5); Arnholm and Bravaria pledge through the pledge
 * form; Bravaria delivers its frigates and money; control moves to the submission phase and
 * Arnholm launches. Screenshots of the board, the pledge form, the ledger and the map overlay.
 */
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { up, useE2E } from './rig.ts';
import { collectErrors, joinWithCode, openTab, screenshotAt, SMALL } from './browser.ts';

const ARTIFACTS = fileURLToPath(new URL('../../artifacts/', import.meta.url));
const rig = useE2E('concord-e2e-ops-');
const errors: string[] = [];
const pages: Record<'control' | 'ARN' | 'BRV', Page | undefined> = { control: undefined, ARN: undefined, BRV: undefined };
const page = (who: keyof typeof pages) => up(pages[who], `${who}'s page`);
const shot = (p: Page, name: string, focus?: string) => screenshotAt(p, ARTIFACTS, name, undefined, focus);
const card = (p: Page) => p.locator('[data-operation]').first();

async function openPage(label: string): Promise<Page> {
  const ctx = await rig.browser().newContext({ viewport: SMALL, deviceScaleFactor: 1 });
  rig.contexts.push(ctx);
  const p = await ctx.newPage();
  collectErrors(p, label, errors);
  await p.goto(rig.server().url);
  return p;
}

describe('a joint operation from the browser', () => {
  it('control and two nations join; the consultation phase opens', async () => {
    const r = await fetch(`${rig.server().url}/api/exercises`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ scenarioId: 'harbour-watch', seed: 4 }),
    });
    const { codes } = (await r.json()) as { codes: Array<{ role: string; nation: string | null; code: string }> };
    const codeOf = (role: string, nation: string | null = null) =>
      up(
        codes.find((c) => c.role === role && c.nation === nation),
        role,
      ).code;
    pages.control = await openPage('control');
    await joinWithCode(pages.control, codeOf('facilitator'), 'Maj. Reyes (EXCON)');
    await pages.control.waitForSelector('.app.role-facilitator');
    pages.ARN = await openPage('ARN');
    await joinWithCode(pages.ARN, codeOf('nation', 'ARN'), 'Astrid Lund', 'fm');
    pages.BRV = await openPage('BRV');
    await joinWithCode(pages.BRV, codeOf('nation', 'BRV'), 'Bruno Vass', 'dm');
    const control = page('control');
    await openTab(control, 'control');
    await control.click('button:has-text("Start exercise")');
    await expect.poll(() => control.textContent('.topbar .turn')).toContain('Situation brief');
    await control.click('button:has-text("Next phase")');
    await expect.poll(() => page('ARN').textContent('.topbar .turn')).toContain('Allied consultation');
  }, 90_000);

  it('Arnholm proposes the operation on its board; Bravaria sees it', async () => {
    const arn = page('ARN');
    await openTab(arn, 'operations');
    await arn.click('.op-new > summary');
    const form = arn.locator('form.op-propose');
    await form.locator('input[name=title]').fill('Grey Sound escort');
    await form.locator('textarea[name=objective]').fill('Escort merchant shipping through the Grey Sound.');
    await form.locator('.regions label.check:has-text("Grey Sound") input').check();
    await form.locator('.participants label.check:has-text("Bravaria") input').check();
    await form.locator('button.add-cap').click();
    await form.locator('.cap-row select').selectOption('frigate');
    await form.locator('input[name=funding]').fill('30');
    expect(await form.locator('select[name=basis] option:checked').textContent()).toContain('Burden sharing');
    await shot(arn, 'operations-propose', 'form.op-propose');
    await form.locator('button[type=submit]').click();
    await arn.waitForSelector('[data-operation] h4:has-text("Grey Sound escort")');
    const brv = page('BRV');
    await openTab(brv, 'operations');
    await brv.waitForSelector('[data-operation] h4:has-text("Grey Sound escort")');
  }, 60_000);

  it('both pledge through the pledge form; Bravaria delivers', async () => {
    const arn = page('ARN');
    await card(arn).locator('form.op-pledge input[name=money]').fill('10');
    await card(arn).locator('form.op-pledge textarea[name=note]').fill('Arnholm pays for the escort fuel.');
    await card(arn).locator('form.op-pledge button[type=submit]').click();
    await expect.poll(() => card(arn).locator('tr.pledge[data-nation=ARN]').count()).toBe(1);
    const brv = page('BRV');
    const pledge = card(brv).locator('form.op-pledge');
    await pledge.locator('label.check:has-text("Frigate") input').check();
    await pledge.locator('input[name=money]').fill('20');
    await shot(brv, 'operations-pledge-form', 'form.op-pledge');
    await pledge.locator('button[type=submit]').click();
    await expect.poll(() => card(brv).locator('tr.pledge[data-nation=BRV]').count()).toBe(1);
    await card(brv).locator('form.op-deliver button[type=submit]').click();
    await expect.poll(() => card(brv).locator('tr.pledge[data-nation=BRV] td').last().textContent()).toContain('Delivered');
    // Launch is disabled, with the reasons: the phase, and Arnholm's money still owed.
    await expect.poll(() => card(arn).locator('.launch-unmet').textContent()).toContain('Funding 20 of 30');
    expect(await card(arn).locator('button.launch').isDisabled()).toBe(true);
  }, 60_000);

  it('control opens the submission phase; Arnholm delivers and launches; the ledger and map show it', async () => {
    const arn = page('ARN');
    await card(arn).locator('form.op-deliver button[type=submit]').click();
    await page('control').click('button:has-text("Next phase")');
    await expect.poll(() => arn.textContent('.topbar .turn')).toContain('Submit actions');
    await expect.poll(() => card(arn).locator('button.launch').isDisabled()).toBe(false);
    await card(arn).locator('button.launch').click();
    await expect.poll(() => card(arn).locator('.op-status').textContent()).toContain('Launched');
    await expect.poll(() => card(page('BRV')).locator('.op-status').textContent()).toContain('Launched');
    await shot(arn, 'operations-board', '.panel-operations');
    await shot(arn, 'operations-ledger', '.ledger');
    const ledger = await arn.locator('.ledger-table tbody').textContent();
    expect(ledger).toContain('Bravaria');
    expect(ledger).not.toMatch(/\bBRV\b/);
    await expect.poll(() => arn.evaluate(() => window.__concordMap?.treaty.operations.map((o) => o.region))).toEqual(['grey-sound']);
    await shot(page('BRV'), 'operations-map');
    await openTab(page('control'), 'operations');
    await shot(page('control'), 'operations-control', '.panel-operations');
    expect(errors).toEqual([]);
  }, 60_000);
});

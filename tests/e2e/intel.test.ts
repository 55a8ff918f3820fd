/**
 * End to end in real Chromium: the intel library of Northern Lantern, with exercise control and
 * three nations (Calvaria, Lindmark, Orvania), each in its own browser context.
 *
 * int-09 (Calvaria's, TOP SECRET, ORCON, REL TO Calvaria, Lindmark, Kestria, Orvania) is due in
 * turn 4. Control releases it now to Lindmark as well as its originator. Lindmark, which did not
 * originate it, may not share it (ORCON: the Share action is disabled with that reason) and asks
 * Calvaria to release it to Orvania; Calvaria approves in its own browser; Orvania finds it unread
 * in its library and reads it with its portion marks and the provenance trail, by names and in
 * game time. Lindmark's share form lists the allies the markings rule out, with the reason.
 * Control reads the report's status, holders and the provenance ledger.
 */
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { up, useE2E } from './rig.ts';
import { collectErrors, joinWithCode, openTab, screenshotAt, SMALL } from './browser.ts';

const ARTIFACTS = fileURLToPath(new URL('../../artifacts/', import.meta.url));
const INT09 = 'Varkan submarine and survey ship operations near ML-2';
const REASON = 'Orvania patrols the Esker Bight and needs the submarine picture for its cable guard ships.';
const APPROVAL = 'Approved for Orvanian naval command only.';

const rig = useE2E('concord-e2e-intel-');
const consoleErrors: string[] = [];
const pages: Record<'control' | 'CAL' | 'LND' | 'ORV' | 'EVAL', Page | undefined> = {
  control: undefined,
  EVAL: undefined,
  CAL: undefined,
  LND: undefined,
  ORV: undefined,
};
const page = (who: keyof typeof pages) => up(pages[who], `${who}'s page`);

async function openPage(label: string): Promise<Page> {
  const ctx = await rig.browser().newContext({ viewport: SMALL, deviceScaleFactor: 1 });
  rig.contexts.push(ctx);
  const p = await ctx.newPage();
  collectErrors(p, label, consoleErrors);
  await p.goto(rig.server().url);
  return p;
}

const shot = (p: Page, name: string, focus?: string) => screenshotAt(p, ARTIFACTS, name, undefined, focus);
const item = (p: Page, id: string) => p.locator(`.intel-item[data-intel="${id}"]`);
const tabCount = (p: Page) => p.locator('.tabs button[data-panel="intel"] .count').textContent();

describe('the intel library in the browser', () => {
  it('control and three nations join; the exercise runs to the consultation phase of turn 1', async () => {
    const r = await fetch(`${rig.server().url}/api/exercises`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ scenarioId: 'northern-lantern', seed: 4 }),
    });
    expect(r.status).toBe(201);
    const { codes } = (await r.json()) as { codes: Array<{ role: string; nation: string | null; code: string }> };
    const codeOf = (role: string, nation: string | null = null) =>
      up(
        codes.find((c) => c.role === role && c.nation === nation),
        role,
      ).code;
    pages.control = await openPage('control');
    await joinWithCode(pages.control, codeOf('facilitator'), 'Col. Ames (EXCON)');
    pages.CAL = await openPage('CAL');
    await joinWithCode(pages.CAL, codeOf('nation', 'CAL'), 'Carla Brandt', 'intel');
    pages.LND = await openPage('LND');
    await joinWithCode(pages.LND, codeOf('nation', 'LND'), 'Lena Holm', 'intel');
    pages.ORV = await openPage('ORV');
    await joinWithCode(pages.ORV, codeOf('nation', 'ORV'), 'Oskar Vale', 'intel');
    pages.EVAL = await openPage('evaluator');
    await joinWithCode(pages.EVAL, codeOf('evaluator'), 'Dr. Ines Park');

    const control = page('control');
    await openTab(control, 'control');
    await control.click('button:has-text("Start exercise")');
    await expect.poll(() => control.textContent('.topbar .turn')).toContain('Situation brief');
    await control.click('button:has-text("Next phase")');
    for (const who of ['control', 'CAL', 'LND', 'ORV'] as const)
      await expect.poll(() => page(who).textContent('.topbar .turn')).toContain('Consultation and negotiation');
  }, 90_000);

  it("Lindmark's library: banners, filters by name, unread markers and a count on the tab", async () => {
    const lnd = page('LND');
    await openTab(lnd, 'intel');
    await item(lnd, 'int-01').waitFor();
    await item(lnd, 'int-03').waitFor();
    const n = await lnd.locator('.intel-item').count();
    expect(n).toBeGreaterThanOrEqual(3);
    expect(await lnd.locator('.intel-item.unread').count()).toBe(n);
    expect(Number(await tabCount(lnd))).toBe(n);
    expect(await item(lnd, 'int-01').locator('.banner-line').textContent()).toContain('SECRET');
    expect(await item(lnd, 'int-01').textContent()).toContain('From Republic of Calvaria');
    expect(await item(lnd, 'int-01').textContent()).toContain('Sarn Gap');
    // Filters offer names, never ids.
    const regions = await lnd.locator('.intel-filters select[aria-label="Region"] option').allTextContents();
    expect(regions).toContain('Sarn Gap');
    expect(regions.join(' ')).not.toContain('sarn-gap');
    const originators = await lnd.locator('.intel-filters select[aria-label="Originator"] option').allTextContents();
    expect(originators).toContain('Kingdom of Lindmark');
    await lnd.selectOption('.intel-filters select[aria-label="Originator"]', 'LND');
    await expect.poll(() => lnd.locator('.intel-item').count()).toBe(1);
    await item(lnd, 'int-03').waitFor();
    await shot(lnd, 'intel-library-filtered');
    await lnd.selectOption('.intel-filters select[aria-label="Originator"]', '');
    await expect.poll(() => lnd.locator('.intel-item').count()).toBe(n);
    await shot(lnd, 'intel-library');

    // Opening one marks it read; the mark survives a reload (localStorage, per exercise and seat).
    await item(lnd, 'int-01').click();
    await lnd.waitForSelector('.intel-detail:not([hidden]) .intel-title');
    expect(await lnd.textContent('.intel-doc [data-banner="top"]')).toBe(await lnd.textContent('.intel-doc [data-banner="bottom"]'));
    expect(await lnd.locator('.intel-doc .portion-mark').count()).toBeGreaterThan(0);
    await lnd.click('.neg-back');
    await expect.poll(() => lnd.locator('.intel-item.unread').count()).toBe(n - 1);
    await lnd.reload();
    await lnd.waitForSelector('.app .topbar');
    await openTab(lnd, 'intel');
    await item(lnd, 'int-01').waitFor();
    expect(await lnd.locator('.intel-item.unread').count()).toBe(n - 1);
    expect(await item(lnd, 'int-01').getAttribute('class')).not.toContain('unread');
    expect(Number(await tabCount(lnd))).toBe(n - 1);
  }, 60_000);

  it("Lindmark's share form lists the allies the markings rule out, disabled with the reason", async () => {
    const lnd = page('LND');
    await item(lnd, 'int-01').click();
    await lnd.click('details.act-share > summary');
    const form = lnd.locator('form[aria-label="Share the report"]');
    await form.waitFor();
    const labels = (await form.locator('.intel-allies label').allTextContents()).map((s) => s.trim());
    expect(labels[0]).toBe('Republic of Kestria');
    expect(labels.find((l) => l.startsWith('Republic of Orvania'))).toContain('Outside its REL TO');
    expect(await form.locator('.intel-allies label', { hasText: 'Republic of Orvania' }).locator('input').isDisabled()).toBe(true);
    await form.locator('textarea').fill('For your watch officers.');
    await shot(lnd, 'intel-share-form', '.intel-actions');
    await lnd.click('.neg-back');
  }, 60_000);

  it('control releases int-09 early to Lindmark; its status, holders and schedule show by name', async () => {
    const control = page('control');
    await openTab(control, 'intel');
    await item(control, 'int-09').waitFor();
    expect(await item(control, 'int-09').textContent()).toContain('Scheduled');
    await item(control, 'int-09').click();
    expect(await control.textContent('.intel-control')).toContain('Goes out with Inject #');
    await control.click('details.act-release > summary');
    const f = control.locator('form.release-form');
    await f.locator('label', { hasText: 'Kingdom of Lindmark' }).locator('input').check();
    await f.getByRole('button', { name: 'Release now' }).click();
    await expect.poll(() => control.textContent('.intel-control')).toContain('Released');
    const held = await control.textContent('.intel-control .holders');
    expect(held).toContain('Republic of Calvaria');
    expect(held).toContain('Kingdom of Lindmark');
    expect(held).not.toContain('Orvania');
    expect(held).toMatch(/\d\d Mar \d\d:\d\dZ \(turn 1\)/);
  }, 60_000);

  it('Lindmark may not share the ORCON report and asks Calvaria to release it to Orvania; Calvaria approves', async () => {
    const lnd = page('LND');
    await item(lnd, 'int-09').waitFor();
    expect(await item(lnd, 'int-09').textContent()).toContain('ORCON');
    await item(lnd, 'int-09').click();
    await lnd.waitForSelector('.intel-detail:not([hidden]) .act-share');
    // Share is closed, with the reason.
    expect(await lnd.locator('.act-share button').isDisabled()).toBe(true);
    expect(await lnd.textContent('.act-share .why')).toContain('ORCON: only the originator may release it');
    await lnd.click('details.act-request > summary');
    const f = lnd.locator('form[aria-label="Request ORCON release"]');
    const orv = f.locator('.intel-allies label', { hasText: 'Republic of Orvania' }).locator('input');
    expect(await orv.isDisabled()).toBe(false);
    expect(await f.locator('.intel-allies label', { hasText: 'Federal Republic of Arlenia' }).locator('input').isDisabled()).toBe(true);
    await orv.check();
    await f.locator('textarea').fill(REASON);
    await f.getByRole('button', { name: 'Send request' }).click();
    await lnd.waitForSelector('.intel-requests .request.st-pending');
    expect(await lnd.textContent('.intel-requests')).toContain('Awaiting the originator');
    expect(await lnd.textContent('.intel-requests')).toContain('You asked to release it to Republic of Orvania');

    // Orvania holds nothing of it yet.
    expect(await page('ORV').evaluate(() => JSON.stringify(window.__concord?.view()?.intel ?? []))).not.toContain(INT09);

    const cal = page('CAL');
    await openTab(cal, 'intel');
    await cal.waitForSelector('.intel-awaiting .request-link');
    expect(await cal.textContent('.intel-awaiting')).toContain('Kingdom of Lindmark asks to release to Republic of Orvania');
    await cal.click('.intel-awaiting .request-link');
    const req = cal.locator('.intel-requests .request.st-pending');
    await req.waitFor();
    expect(await req.textContent()).toContain(`Kingdom of Lindmark (Lena Holm) asks to release it to Republic of Orvania`);
    expect(await req.textContent()).toContain(REASON);
    await req.locator('textarea').fill(APPROVAL);
    await shot(cal, 'intel-orcon-approval', '.intel-requests');
    await req.getByRole('button', { name: 'Approve and release' }).click();
    await cal.waitForSelector('.intel-requests .request.st-approved');
    await expect.poll(() => lnd.textContent('.intel-requests')).toContain('Approved by Republic of Calvaria (Carla Brandt)');
  }, 60_000);

  it('Orvania finds it unread in its library and reads it with portion marks and the provenance trail', async () => {
    const orv = page('ORV');
    await openTab(orv, 'intel');
    await item(orv, 'int-09').waitFor();
    expect(await item(orv, 'int-09').getAttribute('class')).toContain('unread');
    await item(orv, 'int-09').click();
    await orv.waitForSelector('.intel-detail:not([hidden]) .intel-title');
    expect(await orv.textContent('.intel-title')).toBe(INT09);
    expect(await orv.textContent('.intel-doc [data-banner="top"]')).toContain('TOP SECRET');
    expect(await orv.locator('.intel-doc .portion-mark').count()).toBeGreaterThan(0);
    const facts = await orv.textContent('.intel-facts');
    expect(facts).toContain('Shared with you');
    expect(facts).toMatch(/\d\d Mar \d\d:\d\dZ \(turn 1\)/);
    expect(facts).toContain('A1 — completely reliable source, confirmed');
    expect(await orv.textContent('.intel-doc .regions')).toContain('Central Merrow');
    const trail = await orv.textContent('.intel-doc .trail');
    expect(trail).toContain("Kingdom of Lindmark → Republic of Orvania: with Republic of Calvaria's ORCON approval (Carla Brandt)");
    expect(trail).toMatch(/\d\d Mar \d\d:\d\dZ \(turn 1\)/);
    expect(trail).not.toMatch(/\bLND\b|\bORV\b|int-09/);
    await shot(orv, 'intel-report-detail');
    await shot(orv, 'intel-report-provenance', '.intel-doc .trail');
  }, 60_000);

  it("control reads the provenance ledger, and a scheduled report's ground truth with Hold", async () => {
    const control = page('control');
    await control.click('.neg-back');
    const ledger = control.locator('.intel-ledger .ledger-list');
    await ledger.waitFor();
    await expect
      .poll(() => ledger.textContent())
      .toContain("Kingdom of Lindmark → Republic of Orvania: with Republic of Calvaria's ORCON approval (Carla Brandt)");
    await shot(control, 'intel-control-ledger', '.intel-ledger');
    await item(control, 'int-12').click();
    await control.waitForSelector('.intel-control .hold-form');
    expect(await control.textContent('.intel-control')).toContain('Ground truth');
    await shot(control, 'intel-control-report');
  }, 60_000);

  it('an evaluator reads the same, read-only: status, ground truth and the ledger, with no forms or buttons', async () => {
    const ev = page('EVAL');
    await openTab(ev, 'intel');
    await expect.poll(() => ev.textContent('.intel-ledger')).toContain("with Republic of Calvaria's ORCON approval (Carla Brandt)");
    expect(await ev.locator('.intel-new').isHidden()).toBe(true);
    await item(ev, 'int-12').click();
    await ev.waitForSelector('.intel-detail:not([hidden]) .intel-control');
    expect(await ev.textContent('.intel-control')).toContain('Ground truth');
    expect(await ev.locator('.intel-detail form').count()).toBe(0);
    expect(await ev.locator('.intel-detail .intel-actions button, .intel-detail .intel-control button').count()).toBe(0);
    expect(consoleErrors).toEqual([]);
  }, 60_000);
});

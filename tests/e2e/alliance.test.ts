/**
 * End to end in real Chromium: exercise control moves the escalation ladder with a reason and
 * sets the trust between Arnholm and Bravaria from its Alliance tab; Arnholm's Allies tab shows
 * the rung and the trend (Harbour Watch shows nations the level) and its trust with Bravaria, with
 * no controls; the map marks the adversary's region for both. Screenshots at 1280×800 and
 * 1920×1080 go to artifacts/.
 */
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { up, useE2E } from './rig.ts';
import { collectErrors, joinWithCode, openTab, screenshotAt, SMALL } from './browser.ts';

const ARTIFACTS = fileURLToPath(new URL('../../artifacts/', import.meta.url));
const LADDER_REASON = 'Drexan ultimatum broadcast on state radio';
const TRUST_REASON = 'Row over the ferry tender';

const rig = useE2E('concord-e2e-alliance-');
const consoleErrors: string[] = [];

async function openPage(label: string): Promise<Page> {
  const ctx = await rig.browser().newContext({ viewport: SMALL, deviceScaleFactor: 1 });
  rig.contexts.push(ctx);
  const p = await ctx.newPage();
  collectErrors(p, label, consoleErrors);
  await p.goto(rig.server().url);
  return p;
}

const shot = (p: Page, name: string, focus?: string) => screenshotAt(p, ARTIFACTS, name, undefined, focus);
const mapHook = (p: Page) => p.evaluate(() => window.__concordMap?.escalation ?? null);

/** Open the map's legend and hover the adversary's region: its tip names the escalation. */
async function showMapOverlay(p: Page, tip: string): Promise<void> {
  await p.click('details.legend > summary');
  await expect.poll(() => p.textContent('details.legend')).toContain(tip);
  const box = await p.locator('canvas').first().boundingBox();
  if (!box) throw new Error('no map canvas');
  // Drex March: the top right of Harbour Watch's map (x 700–950, y 50–350 of 1000 × 700).
  await p.mouse.move(box.x + box.width * 0.8, box.y + box.height * 0.35);
  await expect.poll(() => p.textContent('.map-tip')).toContain(tip);
}

describe('the alliance from the browser', () => {
  it('control moves the ladder and sets a pair’s trust; Arnholm’s Allies tab and both maps show them', async () => {
    const r = await fetch(`${rig.server().url}/api/exercises`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ scenarioId: 'harbour-watch', seed: 5 }),
    });
    expect(r.status).toBe(201);
    const { codes } = (await r.json()) as { codes: Array<{ role: string; nation: string | null; code: string }> };
    const codeOf = (role: string, nation: string | null = null) =>
      up(codes.find((c) => c.role === role && c.nation === nation)?.code, role);

    const control = await openPage('control');
    await joinWithCode(control, codeOf('facilitator'), 'Maj. Reyes (EXCON)');
    const arn = await openPage('ARN');
    await joinWithCode(arn, codeOf('nation', 'ARN'), 'Astrid Lund', 'fm');

    await openTab(control, 'control');
    await control.click('button:has-text("Start exercise")');
    await expect.poll(() => control.textContent('.topbar .turn')).toContain('Situation brief');
    await control.click('button:has-text("Next phase")');
    await expect.poll(() => control.textContent('.topbar .turn')).toContain('Allied consultation');

    // Control: the ladder at Grey zone; move it to Deniable attack with a reason.
    await openTab(control, 'alliance');
    const widget = control.locator('.escalation-widget');
    expect(await widget.locator('.esc-now').textContent()).toContain('Level 1 of 5: Grey zone');
    const form = widget.locator('form.escalation-form');
    await form.getByLabel('Move to').selectOption('3');
    await form.getByLabel('Reason').fill(LADDER_REASON);
    await form.getByRole('button', { name: 'Move' }).click();
    await expect.poll(() => widget.locator('.esc-now').textContent()).toContain('Level 3 of 5: Deniable attack');
    const history = await widget.locator('.esc-history').textContent();
    expect(history).toContain(LADDER_REASON);
    expect(history).toContain('Exercise control');
    expect(history).toMatch(/T1 14 Mar \d\d:\d\dZ/);
    expect(await widget.locator('.playbook').textContent()).toContain('Damage the undersea cable');

    // Control: Arnholm–Bravaria from 70 to 55, from the matrix cell.
    const matrix = control.locator('.cohesion-matrix');
    await matrix
      .locator('tr', { has: control.locator('th', { hasText: 'Arnholm' }) })
      .locator('td.cell button')
      .first()
      .click();
    const cf = matrix.locator('form.cohesion-form');
    expect(await cf.getByLabel('Trust (0–100)').inputValue()).toBe('70');
    await cf.getByLabel('Trust (0–100)').fill('55');
    await cf.getByLabel('Reason').fill(TRUST_REASON);
    await cf.getByRole('button', { name: 'Set trust' }).click();
    await expect.poll(() => matrix.locator('.pair-history').textContent()).toContain(TRUST_REASON);
    expect(await matrix.locator('.pair-history').textContent()).toContain('Exercise control');
    await expect.poll(() => mapHook(control)).toMatchObject({ regions: ['drex-march'], level: 3, trend: 'rising' });
    await shot(control, 'alliance-control', '.escalation-widget');
    await showMapOverlay(control, 'Drexan Directorate: escalation 3 of 5 — Deniable attack (rising this turn)');
    await shot(control, 'alliance-map-control');
    await control.click('details.legend > summary');
    await shot(control, 'alliance-control-matrix', '.cohesion-matrix');

    // Arnholm: the rung and the trend, its trust with Bravaria, no forms or buttons, no reasons.
    await openTab(arn, 'allies');
    const panel = arn.locator('.panel-allies');
    await expect.poll(() => panel.locator('.esc-now').textContent()).toContain('Level 3 of 5: Deniable attack');
    expect(await panel.locator('.esc-now').textContent()).toContain('Rising');
    const bravaria = panel.locator('[data-ally="BRV"]');
    await expect.poll(() => bravaria.locator('.ally-trust').textContent()).toContain('55');
    expect(await panel.locator('[data-ally="CSM"] .ally-trust').count()).toBe(0);
    expect(await panel.locator('form, button, input, select, textarea').count()).toBe(0);
    const text = await panel.textContent();
    for (const secret of [LADDER_REASON, TRUST_REASON, 'Damage the undersea cable']) expect(text).not.toContain(secret);
    expect(text).not.toMatch(/\b(ARN|BRV|CSM|DRX)\b/);
    expect(await mapHook(arn)).toMatchObject({ regions: ['drex-march'], level: 3, trend: 'rising' });
    await shot(arn, 'alliance-allies');
    await showMapOverlay(arn, 'Drexan Directorate: escalation 3 of 5 — Deniable attack (rising this turn)');
    await shot(arn, 'alliance-map-nation');
    expect(consoleErrors).toEqual([]);
  }, 60_000);
});

/**
 * Adjudication by roll in Chromium: Bravaria submits two actions (one with a matrix argument) in
 * a semi-rigid harbour-watch; exercise control rolls the first on the table (every row's chance,
 * the rolled row highlighted, the preview current → new) and records it, then rolls the argued
 * one against odds it sets (matrix) and records it; Bravaria reads both outcome cards with how
 * they were reached and the actions they resolved. Screenshots at both sizes from each seat.
 */
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { loadHarbourWatch } from '../helpers/harness.ts';
import { accepted, advanceTo, codeFor, connect, createExerciseFrom, join } from '../integration/support.ts';
import { useE2E } from './rig.ts';
import { collectErrors, joinWithCode, openTab, screenshotAt, SMALL } from './browser.ts';

const ARTIFACTS = fileURLToPath(new URL('../../artifacts/', import.meta.url));
const rig = useE2E('concord-e2e-adj-');
const errors: string[] = [];

async function openPage(label: string): Promise<Page> {
  const ctx = await rig.browser().newContext({ viewport: SMALL, deviceScaleFactor: 1 });
  rig.contexts.push(ctx);
  const p = await ctx.newPage();
  collectErrors(p, label, errors);
  await p.goto(rig.server().url);
  return p;
}

describe('adjudication by table and matrix, in the browser', () => {
  it('a table roll with its preview, a matrix roll with the argument, and the outcome cards', async () => {
    const base = rig.server().url;
    const s = loadHarbourWatch();
    const ex = await createExerciseFrom(base, { ...s, meta: { ...s.meta, adjudication: 'semi-rigid' } }, 12);
    const sdk = await connect(base, await join(base, codeFor(ex, 'facilitator'), 'White Cell'));
    await accepted(sdk, { type: 'exercise.start' });
    await advanceTo(sdk, 1, 'submit');

    const brv = await openPage('BRV');
    await joinWithCode(brv, codeFor(ex, 'nation', 'BRV'), 'Bruno Vass', 'dm');
    await openTab(brv, 'actions');
    const form = brv.locator('form.action-form');
    await form.locator('select[name="actionType"]').selectOption('military');
    await form.locator('input[name="title"]').fill('Escort the morning ferries');
    await form.locator('textarea[name="text"]').fill('Frigates escort the ferries through the Grey Sound.');
    await form.locator('select[name="regions"]').selectOption('grey-sound');
    await form.locator('select[name="assets"]').selectOption('brv-frigates');
    await form.locator('button[type="submit"]').click();
    await brv.waitForSelector('[data-action]');
    await form.locator('select[name="actionType"]').selectOption('diplomatic');
    await form.locator('input[name="title"]').fill('Call the Directorate to talks');
    await form.locator('textarea[name="text"]').fill('Invite the Directorate to talks on safe passage.');
    await form.locator('select[name="regions"]').selectOption('drex-march');
    await form.locator('textarea[name="argument-result"]').fill('The Directorate agrees to talks and pauses its drills');
    await form.locator('textarea[name="argument-reasons"]').fill('Its trade needs the Sound open\nCosmara backs the offer');
    await form.locator('input[name="shareWithAllies"]').check();
    await screenshotAt(brv, ARTIFACTS, 'adj-action-form-BRV');
    await form.locator('button[type="submit"]').click();
    await brv.waitForFunction(() => document.querySelectorAll('[data-action]').length === 2);

    await advanceTo(sdk, 1, 'adjudicate');
    const control = await openPage('control');
    await joinWithCode(control, codeFor(ex, 'facilitator'), 'Maj. Reyes (EXCON)');
    await openTab(control, 'adjudication');
    const panel = control.locator('.panel-adjudication');
    await panel.locator('.queue-item', { hasText: 'Escort the morning ferries' }).locator('input').check();
    await panel.locator('button[name="roll"]').click();
    await control.waitForSelector('.roll-table tr.rolled');
    expect(await panel.locator('.roll-result').textContent()).toMatch(/Table: Military action at sea — d100 \d+/);
    expect(await panel.locator('.preview').textContent()).toMatch(/→|No effects/);
    await panel.locator('.checks input[value="BRV"]').check();
    await screenshotAt(control, ARTIFACTS, 'adj-control-table', undefined, '.panel-adjudication .adjudication-form');
    await panel.locator('form.adjudication-form button[type="submit"]').click();
    await control.waitForFunction(() => document.querySelectorAll('.panel-adjudication .queue-item[data-action]').length === 1);

    await panel.locator('.queue-item', { hasText: 'Call the Directorate' }).locator('input').check();
    await panel.locator('input[name="adj-method"][value="matrix"]').check();
    await panel.locator('input[name="odds"]').fill('55');
    await panel.locator('button[name="roll"]').click();
    await control.waitForFunction(() => /Matrix: 55% odds/.test(document.querySelector('.roll-result')?.textContent ?? ''));
    await panel.locator('input[name="outcome-title"]').fill('Talks on safe passage');
    await panel.locator('textarea[name="outcome"]').fill('The Directorate answers the call for talks.');
    expect(await panel.locator('.vis-warning').textContent()).toContain('only exercise control');
    await panel.locator('input[name="vis-all"]').check();
    await screenshotAt(control, ARTIFACTS, 'adj-control-matrix', undefined, '.panel-adjudication');
    await panel.locator('form.adjudication-form button[type="submit"]').click();
    await control.waitForFunction(() => document.querySelectorAll('.panel-adjudication .queue-item[data-action]').length === 0);

    await openTab(brv, 'outcomes');
    await brv.waitForFunction(() => document.querySelectorAll('.outcome').length === 2);
    const cards = await brv.locator('.panel-outcomes').textContent();
    expect(cards).toMatch(/Table: Military action at sea — d100/);
    expect(cards).toMatch(/Matrix: 55% odds, rolled \d+ → (success|failure)/);
    expect(cards).toContain('Resolved: Call the Directorate to talks (Bravaria)');
    await screenshotAt(brv, ARTIFACTS, 'adj-outcomes-BRV');
    await openTab(brv, 'actions');
    expect(await brv.locator('.panel-actions').textContent()).toContain('Resolved by: Talks on safe passage');
    expect(errors).toEqual([]);
    await sdk.room.leave();
  }, 120_000);
});

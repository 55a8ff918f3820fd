/**
 * End to end in real Chromium: exercise control and the three nations of Harbour Watch, each in
 * its own browser context, negotiate an agreement and consult under the Harbour Compact through
 * the built client served by the real server.
 *
 * Arnholm drafts an agreement with Bravaria (a basing and access clause, consensus); Bravaria
 * amends its text; Arnholm reads version 2 with its word diff; both sign, Arnholm with a
 * reservation, and both see it in force, while Cosmara's screen never shows it. Cosmara then
 * invokes Article 3 (collective defence) for Bravaria; Arnholm and Bravaria state their
 * positions; every member reads every position by nation name and the result, and control
 * watches it live. A position is recorded in the decision log from the offer that follows it,
 * and control reads it in every team's log.
 */
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { up, useE2E } from './rig.ts';
import { collectErrors, joinWithCode, openTab, screenshotAt, SMALL } from './browser.ts';

const ARTIFACTS = fileURLToPath(new URL('../../artifacts/', import.meta.url));

// What Arnholm drafts and Bravaria amends: markers a third nation must never see.
const TITLE = 'Grey Sound basing arrangement';
const TEXT_V1 = 'Arnholm and Bravaria will coordinate patrols in the Grey Sound for the duration of the crisis.';
const TEXT_V2 = 'Arnholm and Bravaria will coordinate joint patrols in the Grey Sound until the crisis ends.';
const CLAUSE_TITLE = 'Access to Bravarian naval bases';
const CLAUSE_TEXT = 'Bravaria opens its naval bases to Arnholm maritime patrol aircraft and ships.';
const AMEND_NOTE = 'Bravaria wants the patrols joint and an end date.';
const RESERVATION = 'Arnholm forces stay west of the Drex March line.';
const SECRETS = [TITLE, TEXT_V1, TEXT_V2, CLAUSE_TITLE, CLAUSE_TEXT, AMEND_NOTE, RESERVATION];

// The consultation under Article 3.
const GROUNDS = 'A Drexan submarine fired on the Bravarian frigate Vigil in the Grey Sound: an armed attack on Bravaria.';
const CITED = 'Periscope sighted off the Drex March';
const STATEMENT = {
  ARN: 'Arnholm stands with Bravaria and will send its maritime patrol flight.',
  BRV: 'Bravaria asks its allies for patrols in the Grey Sound now.',
} as const;
const NAMES = { ARN: 'Arnholm', BRV: 'Bravaria', CSM: 'Cosmara' } as const;

const rig = useE2E('concord-e2e-neg-');
const contexts = rig.contexts;
const consoleErrors: string[] = [];
const pages: Record<'control' | 'ARN' | 'BRV' | 'CSM', Page | undefined> = {
  control: undefined,
  ARN: undefined,
  BRV: undefined,
  CSM: undefined,
};

/** The (only) consultation's card in a page's Treaties tab. */
const card = (p: Page) => p.locator('[data-consultation]').first();

const page = (who: keyof typeof pages) => up(pages[who], `${who}'s page`);

async function openPage(label: string): Promise<Page> {
  const ctx = await rig.browser().newContext({ viewport: SMALL, deviceScaleFactor: 1 });
  contexts.push(ctx);
  const p = await ctx.newPage();
  collectErrors(p, label, consoleErrors);
  await p.goto(rig.server().url);
  return p;
}

const shot = (p: Page, name: string, focus?: string) => screenshotAt(p, ARTIFACTS, name, undefined, focus);

/** Everything a page shows and holds: its text on screen and the view it was sent. */
const screenAndView = (p: Page) => p.evaluate(() => `${document.body.innerText}\n${JSON.stringify(window.__concord?.view())}`);

/** Cosmara's screen and view hold nothing of the agreement, and its Negotiation tab lists none. */
async function cosmaraSeesNoAgreement(): Promise<void> {
  const csm = page('CSM');
  await openTab(csm, 'negotiation');
  const all = await screenAndView(csm);
  for (const s of SECRETS) expect(all, `Cosmara must not see "${s}"`).not.toContain(s);
  expect(await csm.locator('.neg-item').count()).toBe(0);
  expect(await csm.textContent('.panel-negotiation')).toContain('No agreements yet');
  expect(await csm.evaluate(() => window.__concord?.view()?.agreements.length)).toBe(0);
}

describe('negotiating and consulting from the browser', () => {
  it('control and three nations join with their codes; control starts the exercise and opens the consultation phase', async () => {
    const base = rig.server().url;
    const r = await fetch(`${base}/api/exercises`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ scenarioId: 'harbour-watch', seed: 9 }),
    });
    expect(r.status).toBe(201);
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
    pages.CSM = await openPage('CSM');
    await joinWithCode(pages.CSM, codeOf('nation', 'CSM'), 'Clara Moss', 'hog');

    const control = page('control');
    await openTab(control, 'control');
    await control.click('button:has-text("Start exercise")');
    await expect.poll(() => control.textContent('.topbar .turn')).toContain('Situation brief');
    await control.click('button:has-text("Next phase")');
    for (const who of ['control', 'ARN', 'BRV', 'CSM'] as const) {
      await expect.poll(() => page(who).textContent('.topbar .turn')).toContain('Turn 1 of 3');
      await expect.poll(() => page(who).textContent('.topbar .turn')).toContain('Allied consultation');
    }
    // Game time, not wall time: the scenario's clock starts at 06:00 on 14 March 2031, and the
    // consultation phase begins two hours of game time into the turn; the clock runs from there.
    expect(await page('ARN').textContent('.topbar .turn')).toMatch(/14 Mar 0[89]:\d\dZ/);
    expect(await page('ARN').getAttribute('.topbar .gametime', 'title')).toMatch(/^Game time: 14 Mar 2031 0[89]:\d\dZ$/);
  }, 60_000);

  it('Arnholm drafts an agreement with Bravaria, Bravaria amends it, both sign, and it is in force; Cosmara never sees it', async () => {
    const arn = page('ARN');
    const brv = page('BRV');
    const csm = page('CSM');
    await openTab(csm, 'negotiation');

    // Arnholm drafts: title, text, Bravaria as the other party, consensus, a basing and access clause.
    await openTab(arn, 'negotiation');
    await arn.click('.neg-new > summary');
    const f = arn.locator('.neg-new form.agreement-form');
    await f.getByLabel('Title', { exact: true }).first().fill(TITLE);
    await f.getByLabel('Text', { exact: true }).first().fill(TEXT_V1);
    const partyNames = await f.locator('.parties label').allTextContents();
    expect(partyNames.map((s) => s.trim())).toEqual(['Bravaria', 'Cosmara']);
    await f.locator('.parties label', { hasText: 'Bravaria' }).locator('input').check();
    await f.locator('.rules label', { hasText: 'Consensus' }).locator('input').check();
    const clause = f.locator('.clause-row').first();
    await clause.getByLabel('Type').selectOption('basing_access');
    await clause.getByLabel('Title').fill(CLAUSE_TITLE);
    await clause.getByLabel('Text').fill(CLAUSE_TEXT);
    await clause
      .locator('.region-checks label', { hasText: /^\s*Bravaria$/ })
      .locator('input')
      .check();
    await shot(arn, 'neg-draft-form', '.neg-new');
    await shot(arn, 'neg-draft-clause', '.neg-new .clause-editor');
    await f.getByRole('button', { name: 'Propose to the parties' }).click();

    // The proposer lands on the new agreement's detail.
    await arn.waitForSelector('.neg-detail:not([hidden]) .neg-head h3');
    expect(await arn.textContent('.neg-head h3')).toBe(TITLE);
    const head = await arn.textContent('.neg-head');
    expect(head).toContain('Proposed by Arnholm');
    expect(head).toContain('Arnholm');
    expect(head).toContain('Bravaria');
    expect(head).not.toContain('Cosmara');
    expect(await arn.textContent('.neg-current')).toContain(TEXT_V1);
    expect(await arn.textContent('.neg-current .clauses')).toContain(CLAUSE_TITLE);
    expect(await arn.textContent('.neg-current .clauses')).toContain('Bravaria');
    await cosmaraSeesNoAgreement();

    // Bravaria sees it awaiting its vote, opens it and amends the text.
    await openTab(brv, 'negotiation');
    const item = brv.locator('.neg-item', { hasText: TITLE });
    await item.waitFor();
    expect(await item.textContent()).toContain('With: Arnholm');
    expect(await item.textContent()).toContain('Awaiting your signature or rejection');
    await item.click();
    expect(await brv.textContent('.neg-current')).toContain(TEXT_V1);
    await brv.click('details.amend > summary');
    const am = brv.locator('form.amend-form');
    expect(await am.getByLabel('Text', { exact: true }).first().inputValue()).toBe(TEXT_V1);
    await am.getByLabel('Text', { exact: true }).first().fill(TEXT_V2);
    await am.getByLabel('Note').fill(AMEND_NOTE);
    await am.getByRole('button', { name: 'Propose this version' }).click();
    await brv.waitForSelector('.version[data-version="2"]');
    await cosmaraSeesNoAgreement();

    // Arnholm reads version 2, with the word diff of the text against version 1.
    await arn.waitForSelector('.version[data-version="2"]');
    expect(await arn.textContent('.neg-current h4')).toContain('version 2 of 2');
    expect(await arn.textContent('.neg-current')).toContain(TEXT_V2);
    const v2 = arn.locator('.version[data-version="2"]');
    expect(await v2.textContent()).toContain('Version 2 — amended');
    expect(await v2.textContent()).toContain('Bruno Vass (Bravaria — Defence Minister)');
    expect(await v2.textContent()).toContain(`Note: ${AMEND_NOTE}`);
    const inserted = (await v2.locator('.changes ins').allTextContents()).join(' ');
    const deleted = (await v2.locator('.changes del').allTextContents()).join(' ');
    expect(inserted).toContain('joint');
    expect(inserted).toContain('until');
    expect(deleted).toContain('duration');
    expect(deleted).not.toContain('joint');
    // "for" replaced by "until" is set apart from it, not run together.
    expect(await v2.locator('.changes ins.abut').allTextContents()).toContain('until');
    expect(await arn.locator('.version[data-version="1"]').textContent()).toContain('Astrid Lund (Arnholm — Foreign Minister)');
    await shot(arn, 'neg-history', '.neg-history');

    // Arnholm signs with a reservation; Bravaria signs without one.
    const sign = arn.locator('.move', { hasText: 'Sign version 2' });
    await sign.getByLabel('Reservations (optional)').fill(RESERVATION);
    await sign.getByRole('button', { name: 'Sign version 2' }).click();
    await arn.waitForSelector('.neg-offer .offer');
    expect(await arn.textContent('.neg-votes [data-nation="ARN"]')).toContain('Signed');
    expect(await arn.textContent('.neg-votes [data-nation="ARN"]')).toContain(`Reservations: ${RESERVATION}`);
    expect(await arn.textContent('.neg-votes [data-nation="BRV"]')).not.toContain('Signed');

    await brv.waitForSelector('.neg-votes [data-nation="ARN"].vs-signed');
    await brv.locator('.move', { hasText: 'Sign version 2' }).getByRole('button', { name: 'Sign version 2' }).click();

    // Both see it in force, bound by both, the reservation on record.
    for (const p of [arn, brv]) {
      await p.waitForSelector('.neg-head .tag.st-in_force');
      const h = await p.textContent('.neg-head');
      expect(h).toContain('In force');
      expect(h).toContain('Bound by it: Arnholm, Bravaria');
      expect(await p.textContent('.neg-votes [data-nation="BRV"]')).toContain('Signed');
      expect(await p.textContent('.neg-votes')).toContain(RESERVATION);
      // No moves left to sign or reject what is in force.
      expect(await p.getByRole('button', { name: 'Sign version 2' }).count()).toBe(0);
    }
    await shot(brv, 'neg-in-force', '.neg-back');
    await brv.click('.neg-back');
    await expect.poll(() => brv.textContent('.neg-group[data-group="in_force"]')).toContain(TITLE);
    await cosmaraSeesNoAgreement();

    // Exercise control reads it, history and votes included, with no move of its own to make.
    const control = page('control');
    await openTab(control, 'negotiation');
    await control.locator('.neg-item', { hasText: TITLE }).click();
    await control.waitForSelector('.neg-head .tag.st-in_force');
    expect(await control.textContent('.neg-head')).toContain('Parties: Arnholm, Bravaria');
    expect(await control.textContent('.neg-history')).toContain('Version 2 — amended by Bruno Vass');
    expect(await control.textContent('.neg-votes')).toContain(RESERVATION);
    expect(await control.locator('.neg-actions form, .neg-actions button, .neg-offer button').count()).toBe(0);
  }, 60_000);

  it('Cosmara invokes Article 3 for Bravaria; Arnholm and Bravaria support it; every member reads every position and the result; control watches live', async () => {
    const control = page('control');
    const csm = page('CSM');
    await openTab(control, 'treaties');
    for (const who of ['ARN', 'BRV', 'CSM'] as const) await openTab(page(who), 'treaties');

    // Cosmara invokes collective defence for Bravaria, with grounds and a citation.
    const art3 = csm.locator('[data-treaty="harbour-compact"] [data-clause="hc-art3"]');
    expect(await art3.textContent()).toContain('Article 3 — Collective defence');
    await art3.getByRole('button', { name: 'Invoke…' }).click();
    const form = art3.locator('form.invoke-form');
    await form.locator('textarea[name="grounds"]').fill(GROUNDS);
    const behalf = form.locator('select[name="onBehalfOf"]');
    expect((await behalf.locator('option').allTextContents()).map((s) => s.trim())).toEqual([
      'Arnholm',
      'Bravaria',
      'Cosmara (your nation)',
    ]);
    await behalf.selectOption('BRV');
    await form.locator('label', { hasText: CITED }).locator('input').check();
    // When positions are due, in game time.
    expect(await form.textContent()).toContain(
      'Positions are due by the end of Allied consultation, turn 1 (14 Mar 2031 12:00Z), game time.',
    );
    await shot(csm, 'treaty-invoke', '.invoke-form');
    await form.getByRole('button', { name: 'Invoke Article 3' }).click();

    const row = (p: Page, nation: string) => card(p).locator(`li[data-member="${nation}"]`);
    for (const who of ['CSM', 'ARN', 'BRV', 'control'] as const) {
      const c = card(page(who));
      await c.waitFor();
      await expect.poll(() => c.textContent()).toContain('Cosmara invoked it for Bravaria');
      const text = (await c.textContent()) ?? '';
      expect(text).toContain('Article 3 — Collective defence');
      expect(text).toContain(GROUNDS);
      expect(text).toContain(CITED);
      expect(text).toContain('Open');
      // The invoker supports its own invocation.
      expect(await row(page(who), 'CSM').textContent()).toContain('Support');
      expect(await row(page(who), 'BRV').textContent()).toContain('Not yet');
    }
    // Control reads it live, and may not state a position.
    expect(await card(control).locator('.position-form').count()).toBe(0);

    // Arnholm, then Bravaria, state their positions: support, with a statement.
    for (const who of ['ARN', 'BRV'] as const) {
      const p = page(who);
      const pf = card(p).locator('form.position-form');
      await pf.locator('input[value="support"]').check();
      await pf.locator('textarea[name="statement"]').fill(STATEMENT[who]);
      await pf.getByRole('button', { name: 'State position' }).click();
      await expect.poll(() => row(control, who).textContent()).toContain(STATEMENT[who]);
    }

    // Each that stated a position is offered to record it, though Bravaria's settled the consultation.
    for (const who of ['ARN', 'BRV'] as const) {
      const offer = card(page(who)).locator('.offer');
      await offer.waitFor();
      expect(await offer.textContent()).toContain('You supported the invocation.');
      expect(await card(page(who)).locator('form.position-form').count()).toBe(0);
    }
    expect(await card(csm).locator('.offer').count()).toBe(0);
    expect(await card(control).locator('.offer').count()).toBe(0);

    // Every member reads every position by nation name, and the result: activated.
    for (const who of ['ARN', 'BRV', 'CSM', 'control'] as const) {
      const p = page(who);
      await expect.poll(() => card(p).locator('.result').textContent()).toContain('Activated');
      for (const n of ['ARN', 'BRV', 'CSM'] as const) {
        const r = (await row(p, n).textContent()) ?? '';
        expect(r).toContain(NAMES[n]);
        expect(r).toContain('Support');
        if (n !== 'CSM') expect(r).toContain(STATEMENT[n]);
      }
      expect(await card(p).textContent()).not.toMatch(/\b(ARN|BRV|CSM)\b/);
    }
    await shot(page('ARN'), 'consultation', '[data-consultation] .result');
    await shot(control, 'consultation-control', '[data-consultation] .result');
  }, 60_000);

  it("the offer after a position opens the decision form prefilled; the decision reads in the team log and in control's view of every log", async () => {
    const arn = page('ARN');
    const control = page('control');
    const offer = arn.getByRole('button', { name: 'Record this decision in the log' });
    await offer.click();
    const dialog = arn.locator('dialog.decision-dialog');
    await dialog.waitFor();
    const title = await dialog.getByLabel('Decision', { exact: true }).inputValue();
    expect(title).toContain('Supported the invocation of Article 3');
    expect(title).toContain('Bravaria');
    expect(await dialog.getByLabel('Rationale', { exact: true }).inputValue()).toBe(STATEMENT.ARN);
    expect(await dialog.getByLabel('About', { exact: true }).locator('option:checked').textContent()).toContain('Article 3');
    const options = dialog.locator('.option-row input');
    await options.nth(0).fill('Support collective defence for Bravaria');
    await options.nth(1).fill('Consult further under Article 2 first');
    await dialog.getByLabel('Dissent', { exact: true }).fill('The Defence Minister wanted the budget vote first.');
    await shot(arn, 'decision-form');
    await dialog.getByRole('button', { name: 'Record decision' }).click();
    await dialog.waitFor({ state: 'detached' });

    await openTab(arn, 'decisions');
    const entry = arn.locator('.decision-list .decision').first();
    await entry.waitFor();
    const e = (await entry.textContent()) ?? '';
    expect(e).toContain(title);
    expect(e).toContain('Astrid Lund, Foreign Minister');
    expect(e).toContain('Consult further under Article 2 first');
    expect(e).toContain(STATEMENT.ARN);
    expect(e).toContain('The Defence Minister wanted the budget vote first.');
    expect(e).toMatch(/About: .*Article 3/);
    await shot(arn, 'decision-log');

    // Bravaria, whose position settled the consultation, records its decision as offered.
    const brv = page('BRV');
    await brv.getByRole('button', { name: 'Record this decision in the log' }).click();
    const brvDialog = brv.locator('dialog.decision-dialog');
    expect(await brvDialog.getByLabel('Rationale', { exact: true }).inputValue()).toBe(STATEMENT.BRV);
    await brvDialog.getByRole('button', { name: 'Record decision' }).click();
    await brvDialog.waitFor({ state: 'detached' });
    await expect.poll(() => card(brv).textContent()).toContain('Recorded in your decision log.');

    await openTab(control, 'decisions');
    // The log opens at its top, not at the scroll of the Treaties tab left below the fold.
    expect(await control.evaluate(() => document.querySelector('.panel')?.scrollTop)).toBe(0);
    const arnLog = control.locator('.decision-nation[data-nation="ARN"]');
    await expect.poll(() => arnLog.textContent()).toContain(title);
    expect(await arnLog.textContent()).toContain('1 recorded');
    const brvLog = control.locator('.decision-nation[data-nation="BRV"]');
    await expect.poll(() => brvLog.textContent()).toContain('Supported the invocation of Article 3 (Collective defence) for Bravaria');
    expect(await brvLog.textContent()).toContain('Bruno Vass, Defence Minister');
    expect(await brvLog.textContent()).toContain(STATEMENT.BRV);
    expect(await control.textContent('.decision-nation[data-nation="CSM"]')).toContain('No decisions recorded yet');
    expect(await control.locator('.decision-new').isHidden()).toBe(true);
    await shot(control, 'decision-log-control');

    // Cosmara's own log holds nothing of Arnholm's.
    await openTab(page('CSM'), 'decisions');
    expect(await page('CSM').textContent('.decision-list')).toContain('No decisions recorded yet');
    expect(await screenAndView(page('CSM'))).not.toContain('wanted the budget vote');

    // To the end, Cosmara never saw the agreement between Arnholm and Bravaria.
    await cosmaraSeesNoAgreement();
    expect(consoleErrors).toEqual([]);
  }, 60_000);
});

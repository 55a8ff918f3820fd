/**
 * The feed: an audience's picture is replaced only when something it may see changes, so its
 * `exercise.seq`/`lastAt` never move for activity it cannot see; control follows every event.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { actors, harness } from '../../../tests/helpers/harness.ts';
import { parseScenarioText } from '../scenario/index.ts';
import { simulate } from '../sim/simulate.ts';
import { audiencesOf, CONTROL, EVALUATOR, nationAudience, PUBLIC } from './audience.ts';
import { samePicture, ViewFeed } from './feed.ts';
import { project } from './project.ts';

const { facilitator, evaluator, ARN } = actors;

describe('ViewFeed', () => {
  it('shows nations and the public nothing new while control works on what they cannot see', () => {
    const h = harness();
    h.advanceTo(1, 'submit');
    const feed = new ViewFeed(h.state);
    const quiet = [PUBLIC, ...['ARN', 'BRV', 'CSM'].map(nationAudience)];
    const before = quiet.map((a) => feed.current(h.state, a));
    const control = feed.current(h.state, CONTROL);
    const seq0 = h.state.seq;
    const invisible = [
      () => h.ok(evaluator, { type: 'note.record', text: 'ARN slow to consult', nation: 'ARN' }),
      () => h.ok(facilitator, { type: 'inject.hold', inject: 'hw-inj-05', note: 'not yet' }),
      () => h.ok(facilitator, { type: 'dice.roll', purpose: 'Detection' }),
      () => h.ok(facilitator, { type: 'inject.skip', inject: 'hw-inj-05', note: 'not at all' }),
      () =>
        h.ok(facilitator, {
          type: 'action.submit',
          as: 'DRX',
          actionType: 'military',
          title: 'Shadow',
          text: 'Shadow the ferries',
          regions: ['grey-sound'],
          assets: ['drx-submarine'],
        }),
      () =>
        h.ok(facilitator, {
          type: 'inject.create',
          from: 'harbour-herald',
          to: ['ALL'],
          channel: 'news',
          subject: 'Later news',
          message: 'Later',
          release: { turn: 3, phase: 'brief' },
        }),
    ];
    for (const command of invisible) {
      command();
      const changed = feed.advance(h.state).map((c) => c.label);
      expect(changed).toEqual(['facilitator']);
    }
    expect(h.state.seq).toBeGreaterThan(seq0 + 5);
    quiet.forEach((a, i) => expect(feed.current(h.state, a)).toBe(before[i]));
    for (const a of quiet) expect(feed.current(h.state, a).view.exercise.seq).toBe(seq0);
    expect(feed.current(h.state, CONTROL).seq).toBe(h.state.seq);
    expect(feed.current(h.state, CONTROL)).not.toBe(control);
  });

  it('moves a picture, to the projection at that state, when something its audience sees changes', () => {
    const h = harness();
    h.advanceTo(1, 'consult');
    const feed = new ViewFeed(h.state);
    h.ok(ARN, { type: 'message.send', to: ['BRV'], body: 'Bilateral' });
    const changes = feed.advance(h.state);
    expect(changes.map((c) => c.label).sort()).toEqual(['ARN', 'BRV']);
    for (const c of changes) {
      expect(c.after.seq).toBe(h.state.seq);
      expect(c.after.view).toEqual(project(h.state, c.audience));
      expect(c.before.seq).toBe(h.state.seq - 1);
    }
  });

  it('follows control only while asked, and refuses an audience the exercise does not have', () => {
    const h = harness();
    h.start();
    const feed = new ViewFeed(h.state);
    feed.current(h.state, EVALUATOR);
    feed.forget(EVALUATOR);
    feed.forget(nationAudience('ARN'));
    h.ok(facilitator, { type: 'dice.roll', purpose: 'x' });
    expect(feed.advance(h.state)).toEqual([]);
    h.ok(facilitator, { type: 'phase.advance' });
    expect(
      feed
        .advance(h.state)
        .map((c) => c.label)
        .sort(),
    ).toEqual(['ARN', 'BRV', 'CSM', 'public']);
    expect(() => feed.current(h.state, nationAudience('DRX'))).toThrow(/not an audience/);
  });

  it('over a whole simulated exercise, every picture shows what the projection shows now, from the state of its seq', () => {
    const r = parseScenarioText(readFileSync(new URL('../../../scenarios/harbour-watch.json', import.meta.url), 'utf8'));
    if (!r.ok) throw new Error('harbour-watch');
    let feed: ViewFeed | null = null;
    const moves = new Map<string, number>();
    const events = { count: 0 };
    const run = simulate(r.scenario, {
      seed: 11,
      observe: (state) => {
        events.count++;
        if (!feed) {
          feed = new ViewFeed(state);
          for (const a of audiencesOf(state)) feed.current(state, a);
          return;
        }
        for (const c of feed.advance(state)) moves.set(c.label, (moves.get(c.label) ?? 0) + 1);
        for (const a of audiencesOf(state)) {
          const shown = feed.current(state, a);
          expect(samePicture(shown.view, project(state, a))).toBe(true);
          expect(shown.view.exercise.seq).toBe(shown.seq);
        }
      },
    });
    // Control moves with every event; the others with fewer, the public with the fewest.
    expect(moves.get('facilitator')).toBe(events.count - 1);
    for (const n of r.scenario.nations) expect(moves.get(n.id)).toBeLessThan(events.count - 1);
    expect(moves.get('public')).toBeLessThan(Math.min(...r.scenario.nations.map((n) => moves.get(n.id)!)));
    expect(run.state.seq).toBeGreaterThanOrEqual(events.count);
  });
});

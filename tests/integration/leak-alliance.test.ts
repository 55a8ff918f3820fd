/**
 * The raw-frame leak test for escalation, cohesion and allies' positions, by the method of
 * leak.test.ts: every WebSocket frame each client receives is recorded and searched for canaries,
 * distinctive words planted in a scenario variant (the ladder's rung names and descriptions, the
 * playbook, an inject's escalation reason) and in commands (control's reasons for moving the
 * ladder and a pair's trust, an outcome's escalation reason, an action shared with the allies,
 * its matrix argument, an action not shared). The same play runs under each `escalation.show`:
 * - 'level': the nations read the rung names; 'trend' and 'none': never a rung's name or
 *   description, and under 'none' no escalation at all;
 * - whatever the show, no reason, cause or playbook ever reaches a nation or the public;
 * - a pair of allies the scenario does not make visible never reaches its nations (neither the
 *   pair nor the reason it moved), the visible one reaches its two nations and no other;
 * - an action shared with the alliance reaches the allies without its argument; an action not
 *   shared reaches no other nation; the public reads neither.
 * Positive checks prove the recording sees each canary where it is allowed.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { View } from '../../shared/src/views/index.ts';
import type { Scenario } from '../../shared/src/scenario/index.ts';
import { loadHarbourWatch } from '../helpers/harness.ts';
import {
  accepted,
  advanceTo,
  containsBytes,
  createExerciseFrom,
  flush,
  seatEveryone,
  stateAs,
  useServer,
  type Player,
  type Table,
} from './support.ts';

const live = useServer({ rate: { perSecond: 1000, burst: 1000 } });

/** Canaries: single words, none inside another. */
const C = {
  playbook: 'ZQCANARYPLAYBOOK',
  injectReason: 'ZQCANARYINJECTREASON',
  controlReason: 'ZQCANARYLADDERREASON',
  outcomeReason: 'ZQCANARYOUTCOMEREASON',
  visiblePairReason: 'ZQCANARYVISIBLEPAIRREASON',
  hiddenPairReason: 'ZQCANARYHIDDENPAIRREASON',
  sharedTitle: 'ZQCANARYSHAREDTITLE',
  argument: 'ZQCANARYARGUMENT',
  unsharedTitle: 'ZQCANARYUNSHAREDTITLE',
} as const;
/** Each rung's name and description is a canary too (six rungs in Harbour Watch). */
const RUNGS = [0, 1, 2, 3, 4, 5].flatMap((i) => [`ZQRUNG${'ABCDEF'[i]}NAME`, `ZQRUNG${'ABCDEF'[i]}DESCRIPTION`]);
const REASONS = [C.playbook, C.injectReason, C.controlReason, C.outcomeReason, C.visiblePairReason, C.hiddenPairReason];

function variant(show: 'level' | 'trend' | 'none'): Scenario {
  const s = loadHarbourWatch();
  return {
    ...s,
    escalation: {
      ...s.escalation,
      show,
      ladder: s.escalation.ladder.map((r, i) => ({ ...r, name: RUNGS[2 * i]!, description: `Then ${RUNGS[2 * i + 1]!}` })),
      playbook: s.escalation.playbook.map((p) => ({ ...p, moves: `${p.moves} ${C.playbook}` })),
    },
    injects: s.injects.map((j) =>
      j.id === 'hw-inj-04' ? { ...j, escalation: { delta: 1, reason: `Drill area closed ${C.injectReason}` } } : j,
    ),
  };
}

/** What a client's mirror showed of escalation and cohesion, at every change. */
interface Seen {
  escalation: View['escalation'][];
  pairs: string[][];
}
function watch(p: Player): Seen {
  const seen: Seen = { escalation: [], pairs: [] };
  const note = (v: View) => {
    seen.escalation.push(structuredClone(v.escalation));
    seen.pairs.push((v.cohesion?.pairs ?? []).map((x) => `${x.a}+${x.b}`));
  };
  note(p.view());
  p.mirror.onChange(note);
  return seen;
}

const received = (p: Player, words: readonly string[]) => words.filter((w) => containsBytes(p.frames, w));

describe.each(['level', 'trend', 'none'] as const)('raw frames with escalation.show %s', (show) => {
  let t: Table;
  let ARN: Player;
  let BRV: Player;
  let CSM: Player;
  const watched = new Map<string, Seen>();

  beforeAll(async () => {
    t = await seatEveryone(live.url, await createExerciseFrom(live.url, variant(show), 31), ['ARN', 'BRV', 'CSM']);
    ({ ARN, BRV, CSM } = t.nations as Record<'ARN' | 'BRV' | 'CSM', Player>);
    for (const [label, p] of t.audiences) watched.set(label, watch(p));
    await accepted(t.control, { type: 'exercise.start' });
    await t.control.waitFor((v) => v.exercise.status === 'running');
    await advanceTo(t.control, 1, 'consult');

    await accepted(t.control, { type: 'escalation.set', level: 2, reason: `Ultimatum ${C.controlReason}` });
    await accepted(t.control, { type: 'inject.release', inject: 'hw-inj-04' });
    await accepted(t.control, { type: 'cohesion.set', a: 'ARN', b: 'BRV', value: 62, reason: `Patrols ${C.visiblePairReason}` });
    await accepted(t.control, { type: 'cohesion.set', a: 'CSM', b: 'ARN', value: 33, reason: `Ports ${C.hiddenPairReason}` });

    await advanceTo(t.control, 1, 'submit');
    await accepted(ARN, {
      type: 'action.submit',
      actionType: 'diplomatic',
      title: `Demarche ${C.sharedTitle}`,
      text: 'A joint demarche to the Directorate.',
      argument: { result: `The envoy backs down ${C.argument}`, reasons: ['The allies speak as one'] },
      shareWithAllies: true,
    });
    await accepted(ARN, {
      type: 'action.submit',
      actionType: 'information',
      title: `Leak ${C.unsharedTitle}`,
      text: 'A quiet word to the Herald.',
    });

    await advanceTo(t.control, 1, 'adjudicate');
    await accepted(t.control, {
      type: 'adjudication.record',
      title: 'The Directorate answers',
      outcome: 'The Directorate recalls its envoy.',
      escalation: { delta: 1, reason: `Recall ${C.outcomeReason}` },
    });
    await flush(t.control, ...t.audiences.map(([, p]) => p));
  }, 30_000);

  it('the canaries are distinct words, and exercise control received every one', () => {
    const words = [...Object.values(C), ...RUNGS];
    for (const a of words) for (const b of words) if (a !== b) expect(a.includes(b), `${b} inside ${a}`).toBe(false);
    expect(received(t.control, words)).toEqual(words);
  });

  it('no reason, cause or playbook reaches a nation or the public', () => {
    for (const [label, p] of t.audiences) expect(received(p, REASONS), label).toEqual([]);
  });

  it(`the ladder's rungs reach the nations only under 'level', and the public never`, () => {
    for (const p of [ARN, BRV, CSM]) expect(received(p, RUNGS)).toEqual(show === 'level' ? RUNGS : []);
    expect(received(t.observer, RUNGS)).toEqual([]);
    for (const n of ['ARN', 'BRV', 'CSM']) {
      const history = watched.get(n)!.escalation;
      expect(history.length).toBeGreaterThan(5);
      for (const e of history) {
        if (show === 'none') expect(e).toBeNull();
        else if (show === 'trend') expect(Object.keys(e ?? {}).sort()).toEqual(['show', 'trend']);
        else expect(Object.keys(e ?? {}).sort()).toEqual(['ladder', 'level', 'show', 'trend']);
      }
      // The ladder moved this turn: the trend (and under 'level' the rung) did reach them.
      if (show !== 'none') expect(history.at(-1)).toMatchObject({ show, trend: 'rising' });
      if (show === 'level') expect(history.at(-1)).toMatchObject({ level: 4 });
    }
    expect(watched.get('public')!.escalation.every((e) => e === null)).toBe(true);
  });

  it('a pair the scenario hides never reaches its nations; the visible pair reaches its two nations only', () => {
    const everPairs = (label: string) => [...new Set(watched.get(label)!.pairs.flat())].sort();
    expect(everPairs('ARN')).toEqual(['ARN+BRV']);
    expect(everPairs('BRV')).toEqual(['ARN+BRV']);
    expect(everPairs('CSM')).toEqual([]);
    expect(everPairs('public')).toEqual([]);
    expect(ARN.view().cohesion?.pairs).toEqual([{ a: 'ARN', b: 'BRV', value: 62, trend: 'falling' }]);
    // Control sees the hidden pair as it was set.
    expect(t.control.view().cohesion?.pairs).toContainEqual({ a: 'ARN', b: 'CSM', value: 33, trend: 'falling', visible: false });
  });

  it('an action shared with the allies reaches them without its argument; one not shared reaches no other nation; the public neither', () => {
    for (const p of [ARN, BRV, CSM]) expect(received(p, [C.sharedTitle])).toEqual([C.sharedTitle]);
    for (const p of [BRV, CSM, t.observer]) expect(received(p, [C.argument, C.unsharedTitle])).toEqual([]);
    expect(received(t.observer, [C.sharedTitle])).toEqual([]);
    expect(received(ARN, [C.argument, C.unsharedTitle])).toEqual([C.argument, C.unsharedTitle]);
    const shared = BRV.view().actions.find((a) => a.title.includes(C.sharedTitle));
    expect(shared).toMatchObject({ nation: 'ARN', ally: true, argument: null, shared: true });
  });

  it('each client holds exactly the picture the server shows its audience', async () => {
    for (const [label, p] of t.audiences) {
      const shown = await stateAs(live.url, t.control.joined.token, t.ex.id, label);
      expect(p.mirror.seq, label).toBe(shown.seq);
      expect(JSON.parse(JSON.stringify(p.view())), label).toEqual(shown.view);
    }
  });
});

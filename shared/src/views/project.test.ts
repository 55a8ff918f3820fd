/**
 * Views: what each audience may see. Leaks are looked for in the serialised projection, the way
 * a socket would carry it, using markers planted in every piece of restricted content and
 * releasability computed here, independently, from the raw scenario file.
 */
import { describe, expect, it } from 'vitest';
import {
  actors,
  harness,
  loadHarbourWatch,
  NATIONS,
  only,
  scenarioText,
  type Harness,
  type NationCode,
} from '../../../tests/helpers/harness.ts';
import { audienceFromLabel, CONTROL, nationAudience, project, PUBLIC, type Audience } from './project.ts';

const { facilitator, ARN, BRV, CSM } = actors;
const EVALUATOR: Audience = { kind: 'control', role: 'evaluator' };

// The raw scenario, read without the engine's types or helpers.
interface RawIntel {
  id: string;
  originator: string;
  releaseTurn: number;
  controls: { relTo?: string[]; noforn?: boolean };
  body: string;
  groundTruth: string;
  tearline?: { body: string };
}
interface RawInject {
  id: string;
  subject: string;
  to: string[];
  intel?: string;
  expectedAction?: string;
  controlNotes?: string;
}
interface RawScenario {
  intel: RawIntel[];
  injects: RawInject[];
  narrative: { nationBriefs: Record<string, string> };
  nations: Array<{ id: string; caveats?: string[] }>;
  escalation: { playbook: Array<{ moves: string }> };
}
const raw = JSON.parse(scenarioText()) as RawScenario;
const markerOf = (r: RawIntel): string => {
  const m = /MARKER-HW-INT-\d+/.exec(r.body);
  if (!m) throw new Error(`intel ${r.id} has no marker`);
  return m[0];
};
/** Releasability straight from the markings: the originator, or REL TO the nation and not NOFORN. */
const mayRead = (r: RawIntel, nation: string): boolean =>
  r.originator === nation || (r.controls.noforn !== true && (r.controls.relTo ?? []).includes(nation));
/**
 * Who holds a report once it is out, with no share yet: its originator, and the addressees of an
 * inject that carries it whom its markings allow (docs/intel.md). Releasability alone is not holding.
 */
const holdsAtRelease = (r: RawIntel, nation: string): boolean =>
  r.originator === nation ||
  (mayRead(r, nation) && raw.injects.some((x) => x.intel === r.id && (x.to.includes('ALL') || x.to.includes(nation))));

const ACTION_MARK: Record<NationCode | 'DRX', string> = {
  ARN: 'ACT-MARK-ARN',
  BRV: 'ACT-MARK-BRV',
  CSM: 'ACT-MARK-CSM',
  DRX: 'ACT-MARK-DRX',
};
const MESSAGES: Array<{ mark: string; members: string[] }> = [
  { mark: 'MSG-MARK-ARN-BRV', members: ['ARN', 'BRV'] },
  { mark: 'MSG-MARK-BRV-CSM', members: ['BRV', 'CSM'] },
  { mark: 'MSG-MARK-ALL', members: ['ARN', 'BRV', 'CSM'] },
  { mark: 'MSG-MARK-PERSONA-CSM', members: ['CSM'] },
];
const OUTCOMES: Array<{ mark: string; rationale: string; visibleTo: 'ALL' | NationCode[] }> = [
  { mark: 'OUT-MARK-ALL', rationale: 'WHY-MARK-1', visibleTo: 'ALL' },
  { mark: 'OUT-MARK-BRV', rationale: 'WHY-MARK-2', visibleTo: ['BRV'] },
  { mark: 'OUT-MARK-ARN-CSM', rationale: 'WHY-MARK-3', visibleTo: ['ARN', 'CSM'] },
];
const canRead = (visibleTo: 'ALL' | string[], nation: string) => visibleTo === 'ALL' || visibleTo.includes(nation);

interface Game {
  h: Harness;
  actionIds: Record<NationCode | 'DRX', string>;
}

/** Two turns of play with restricted content of every kind, ending at turn 2 outcome. */
function game(): Game {
  const h = harness();
  h.advanceTo(1, 'consult');
  h.ok(ARN, { type: 'message.send', to: ['BRV'], body: MESSAGES[0]!.mark });
  h.ok(CSM, { type: 'message.send', to: ['BRV'], body: MESSAGES[1]!.mark });
  h.ok(BRV, { type: 'message.send', to: ['ALL'], body: MESSAGES[2]!.mark });
  h.ok(facilitator, { type: 'message.send', to: ['CSM'], persona: 'harbour-herald', body: MESSAGES[3]!.mark });
  h.ok(facilitator, {
    type: 'inject.create',
    from: 'harbour-herald',
    to: ['ALL'],
    channel: 'news',
    subject: 'ADHOC-PUBLIC-NEWS',
    message: 'Public news',
  });
  h.ok(facilitator, {
    type: 'inject.create',
    from: 'harbour-herald',
    to: ['ALL'],
    channel: 'email',
    subject: 'ADHOC-ALL-EMAIL',
    message: 'To every team, not public',
  });
  h.ok(facilitator, {
    type: 'inject.create',
    from: 'compact-secretariat',
    to: ['ARN'],
    channel: 'email',
    subject: 'ADHOC-ARN-ONLY',
    message: 'For Arnholm',
    expectedAction: 'EXPECT-MARK-ADHOC',
    controlNotes: 'CTRL-MARK-ADHOC',
  });
  h.ok(facilitator, {
    type: 'inject.create',
    from: 'harbour-herald',
    to: ['ALL'],
    channel: 'news',
    subject: 'ADHOC-FUTURE',
    message: 'Later',
    release: { turn: 3, phase: 'brief' },
  });
  h.advanceTo(2, 'submit');
  const submit = (who: typeof ARN, nation: NationCode, regions: string[]) =>
    only(
      h.ok(who, {
        type: 'action.submit',
        actionType: 'diplomatic',
        title: ACTION_MARK[nation],
        text: `${ACTION_MARK[nation]} text`,
        regions,
      }),
      'action.submitted',
    ).id;
  const actionIds = {
    ARN: submit(ARN, 'ARN', ['arnholm']),
    BRV: submit(BRV, 'BRV', ['bravaria']),
    CSM: submit(CSM, 'CSM', ['cosmara']),
    DRX: only(
      h.ok(facilitator, {
        type: 'action.submit',
        as: 'DRX',
        actionType: 'military',
        title: ACTION_MARK.DRX,
        text: 'Shadow',
        regions: ['grey-sound'],
        assets: ['drx-submarine'],
      }),
      'action.submitted',
    ).id,
  };
  h.advanceTo(2, 'adjudicate');
  const [all, brv, arnCsm] = OUTCOMES;
  h.ok(facilitator, {
    type: 'adjudication.record',
    actions: [actionIds.ARN, actionIds.DRX],
    title: all!.mark,
    outcome: all!.mark,
    rationale: all!.rationale,
    effects: [
      { kind: 'region', region: 'grey-sound', stability: 45 },
      { kind: 'asset', asset: 'drx-submarine', region: 'drex-march' },
    ],
    visibleTo: 'ALL',
  });
  h.ok(facilitator, {
    type: 'adjudication.record',
    actions: [actionIds.BRV],
    title: brv!.mark,
    outcome: brv!.mark,
    rationale: brv!.rationale,
    visibleTo: ['BRV'],
  });
  h.ok(facilitator, {
    type: 'adjudication.record',
    actions: [actionIds.CSM],
    title: arnCsm!.mark,
    outcome: arnCsm!.mark,
    rationale: arnCsm!.rationale,
    visibleTo: ['ARN', 'CSM'],
  });
  h.advanceTo(2, 'outcome');
  return { h, actionIds };
}

const json = (h: Harness, a: Audience) => JSON.stringify(project(h.state, a));
/** Whether a serialised view carries a string; failures name the string, not the whole view. */
const absent = (view: string, s: string) => expect(view.includes(s), `the view must not carry ${JSON.stringify(s)}`).toBe(false);
const present = (view: string, s: string) => expect(view.includes(s), `the view must carry ${JSON.stringify(s)}`).toBe(true);

describe('a nation', () => {
  const { h, actionIds } = game();

  it.each(NATIONS)('%s reads exactly the intel its markings allow (scan for every marker)', (n) => {
    const view = json(h, nationAudience(n));
    for (const r of raw.intel) {
      const released = r.releaseTurn <= h.state.turn;
      expect(view.includes(markerOf(r)), `${n} / ${r.id}`).toBe(released && holdsAtRelease(r, n));
      absent(view, r.groundTruth);
    }
    const ids = project(h.state, nationAudience(n)).intel.map((r) => r.id);
    expect(ids).toEqual(raw.intel.filter((r) => holdsAtRelease(r, n)).map((r) => r.id));
  });

  it('never reads a report before its release turn', () => {
    const early = harness();
    early.advanceTo(1, 'outcome');
    const view = json(early, nationAudience('BRV'));
    present(view, 'MARKER-HW-INT-02');
    absent(view, 'MARKER-HW-INT-05');
    early.ok(facilitator, { type: 'phase.advance' });
    present(json(early, nationAudience('BRV')), 'MARKER-HW-INT-05');
  });

  it.each(NATIONS)('%s never sees hidden assets, ground truth, control notes, expected actions or the playbook', (n) => {
    const view = json(h, nationAudience(n));
    const v = project(h.state, nationAudience(n));
    expect(v.assets.map((a) => a.id)).not.toContain('drx-submarine');
    absent(view, 'drx-submarine');
    absent(view, 'Vesna');
    for (const x of raw.injects) {
      if (x.controlNotes) absent(view, x.controlNotes);
      if (x.expectedAction) absent(view, x.expectedAction);
    }
    absent(view, 'CTRL-MARK-ADHOC');
    absent(view, 'EXPECT-MARK-ADHOC');
    for (const p of raw.escalation.playbook) absent(view, p.moves);
    // ("trigger" is not listed: treaty clauses, which nations read, have triggers too.)
    for (const key of ['"groundTruth"', '"controlNotes"', '"expectedAction"', '"rationale"', '"previous"', '"seed"']) absent(view, key);
    expect(v.control).toBeNull();
    for (const x of v.injects) expect(x.control).toBeNull();
    for (const r of v.intel) expect(r.control).toBeNull();
  });

  it.each(NATIONS)('%s sees its own actions only, and of outcomes only the actions that are its own', (n) => {
    const view = json(h, nationAudience(n));
    for (const [owner, mark] of Object.entries(ACTION_MARK)) expect(view.includes(mark), `${n} sees ${owner}'s action`).toBe(owner === n);
    const v = project(h.state, nationAudience(n));
    expect(v.actions.map((a) => a.id)).toEqual([actionIds[n]]);
    for (const o of v.outcomes) for (const a of o.actions) expect(a).toBe(actionIds[n]);
    absent(view, actionIds.DRX);
  });

  it.each(NATIONS)('%s reads only the channels it is a member of', (n) => {
    const view = json(h, nationAudience(n));
    for (const m of MESSAGES) expect(view.includes(m.mark), `${n} / ${m.mark}`).toBe(m.members.includes(n));
    for (const m of project(h.state, nationAudience(n)).messages) expect(m.members).toContain(n);
  });

  it.each(NATIONS)('%s reads only the outcomes shown to it, never the rationale, never effects on hidden assets', (n) => {
    const view = json(h, nationAudience(n));
    for (const o of OUTCOMES) {
      expect(view.includes(o.mark), `${n} / ${o.mark}`).toBe(canRead(o.visibleTo, n));
      absent(view, o.rationale);
    }
    const outcome = project(h.state, nationAudience(n)).outcomes.find((o) => o.title === 'OUT-MARK-ALL');
    expect(outcome?.effects).toEqual([{ kind: 'region', region: 'grey-sound', stability: 45 }]);
  });

  it.each(NATIONS)('%s sees released injects addressed to it, and nothing unreleased', (n) => {
    const v = project(h.state, nationAudience(n));
    const expected = Object.values(h.state.injects)
      .filter((x) => x.status === 'released' && (x.def.to.includes('ALL') || x.def.to.includes(n)))
      .map((x) => x.def.subject);
    expect(v.injects.map((x) => x.subject).sort()).toEqual(expected.sort());
    const view = json(h, nationAudience(n));
    for (const x of raw.injects) if (!x.to.includes('ALL') && !x.to.includes(n)) absent(view, x.subject);
    // Manual, not yet due, or scheduled for later: not there.
    for (const subject of [
      'Secretary-General asks Arnholm to chair consultations',
      'Video claims Compact warships fired on fishermen',
      'ADHOC-FUTURE',
    ])
      absent(view, subject);
    expect(view.includes('ADHOC-ARN-ONLY')).toBe(n === 'ARN');
    present(view, 'ADHOC-ALL-EMAIL');
  });

  it.each(NATIONS)("%s reads its own brief and caveats, not the others'", (n) => {
    const view = json(h, nationAudience(n));
    const v = project(h.state, nationAudience(n));
    expect(v.brief.nation).toBe(raw.narrative.nationBriefs[n]);
    expect(v.brief.nations).toBeNull();
    for (const other of NATIONS) {
      if (other === n) continue;
      absent(view, raw.narrative.nationBriefs[other]!);
      for (const c of raw.nations.find((x) => x.id === other)?.caveats ?? []) absent(view, c);
    }
    for (const nat of v.nations) expect(nat.caveats === null).toBe(nat.id !== n);
  });

  it('sees only the cohesion values shown to its own pairs', () => {
    const shown = { show: 'level', pairs: [{ a: 'ARN', b: 'BRV', value: 70, trend: 'steady' }], changes: null };
    expect(project(h.state, nationAudience('ARN')).cohesion).toEqual(shown);
    expect(project(h.state, nationAudience('BRV')).cohesion).toEqual(shown);
    expect(project(h.state, nationAudience('CSM')).cohesion).toEqual({ show: 'level', pairs: [], changes: null });
  });

  it('reads the intel pointer of an inject only when it may read the report', () => {
    const scenario = loadHarbourWatch();
    const x = scenario.injects.find((i) => i.id === 'hw-inj-01')!;
    x.intel = 'hw-int-02';
    const g = harness({ scenario });
    g.start();
    const pointer = (n: string) => project(g.state, nationAudience(n)).injects.find((i) => i.id === 'hw-inj-01')?.intel;
    expect(pointer('BRV')).toBe('hw-int-02');
    expect(pointer('ARN')).toBeNull();
    expect(pointer('CSM')).toBeNull();
    expect(project(g.state, PUBLIC).injects.find((i) => i.id === 'hw-inj-01')?.intel).toBeNull();
  });

  it('sees a hidden asset once an outcome reveals it, with the revealing effect', () => {
    const g = harness();
    g.advanceTo(1, 'adjudicate');
    g.ok(facilitator, {
      type: 'adjudication.record',
      title: 'Periscope',
      outcome: 'A submarine surfaces.',
      effects: [{ kind: 'asset', asset: 'drx-submarine', hidden: false }],
    });
    for (const n of NATIONS) {
      const v = project(g.state, nationAudience(n));
      expect(v.assets.find((a) => a.id === 'drx-submarine')).toMatchObject({ owner: 'DRX', region: 'grey-sound', hidden: false });
      expect(v.outcomes[0]?.effects).toEqual([{ kind: 'asset', asset: 'drx-submarine', hidden: false }]);
    }
    expect(project(g.state, PUBLIC).assets.some((a) => a.id === 'drx-submarine')).toBe(true);
  });

  it('knows only which nation acknowledged for itself', () => {
    const g = harness();
    g.start();
    g.ok(ARN, { type: 'inject.acknowledge', inject: 'hw-inj-01' });
    const ack = (a: Audience) => project(g.state, a).injects.find((i) => i.id === 'hw-inj-01')?.acknowledged;
    expect(ack(nationAudience('ARN'))).toBe(true);
    expect(ack(nationAudience('BRV'))).toBe(false);
    absent(json(g, nationAudience('BRV')), 'acknowledgedBy');
    expect(project(g.state, CONTROL).injects.find((i) => i.id === 'hw-inj-01')?.control?.acknowledgedBy).toHaveProperty('ARN');
  });
});

describe('hidden assets', () => {
  /** Harbour Watch with Arnholm's maritime patrol flight hidden, played to turn 1 adjudication. */
  function hiddenGame() {
    const scenario = loadHarbourWatch();
    const mpa = scenario.assets.find((a) => a.id === 'arn-mpa')!;
    mpa.hidden = true;
    const g = harness({ scenario });
    g.advanceTo(1, 'submit');
    g.ok(ARN, { type: 'action.submit', actionType: 'military', title: 'Quiet patrol', text: 'Patrol', assets: ['arn-mpa'] });
    g.advanceTo(1, 'adjudicate');
    g.ok(facilitator, {
      type: 'adjudication.record',
      title: 'Night patrols',
      outcome: 'Patrols go on in the dark.',
      effects: [
        { kind: 'region', region: 'grey-sound', stability: 48 },
        { kind: 'asset', asset: 'arn-mpa', strength: 55 },
        { kind: 'asset', asset: 'drx-submarine', region: 'drex-march' },
      ],
      visibleTo: 'ALL',
    });
    return { g, name: mpa.name };
  }

  it("a nation sees its own hidden asset, marked hidden, and the outcome's effects on it", () => {
    const { g } = hiddenGame();
    const v = project(g.state, nationAudience('ARN'));
    expect(v.assets.find((a) => a.id === 'arn-mpa')).toMatchObject({ owner: 'ARN', hidden: true, strength: 55 });
    expect(v.assets.some((a) => a.id === 'drx-submarine')).toBe(false);
    expect(v.actions[0]?.assets).toEqual(['arn-mpa']);
    expect(v.outcomes[0]?.effects).toEqual([
      { kind: 'region', region: 'grey-sound', stability: 48 },
      { kind: 'asset', asset: 'arn-mpa', strength: 55 },
    ]);
  });

  it.each(['BRV', 'CSM'])("%s never sees another nation's hidden asset, nor the effects on it", (n) => {
    const { g, name } = hiddenGame();
    const view = json(g, nationAudience(n));
    absent(view, 'arn-mpa');
    absent(view, name);
    absent(view, 'drx-submarine');
    expect(project(g.state, nationAudience(n)).outcomes[0]?.effects).toEqual([{ kind: 'region', region: 'grey-sound', stability: 48 }]);
  });

  it('the public never sees a hidden asset; control sees every one', () => {
    const { g, name } = hiddenGame();
    const view = json(g, PUBLIC);
    for (const s of ['arn-mpa', name, 'drx-submarine']) absent(view, s);
    expect(project(g.state, PUBLIC).outcomes[0]?.effects).toEqual([{ kind: 'region', region: 'grey-sound', stability: 48 }]);
    const c = project(g.state, CONTROL);
    expect(c.assets.filter((a) => a.hidden).map((a) => a.id)).toEqual(['arn-mpa', 'drx-submarine']);
    expect(c.outcomes[0]?.effects).toHaveLength(3);
  });

  it('once revealed, everyone sees it, with the effects on it', () => {
    const { g } = hiddenGame();
    g.ok(facilitator, {
      type: 'adjudication.record',
      title: 'Spotted',
      outcome: 'Seen.',
      effects: [{ kind: 'asset', asset: 'arn-mpa', hidden: false }],
    });
    for (const a of [PUBLIC, nationAudience('BRV')]) {
      const v = project(g.state, a);
      expect(v.assets.find((x) => x.id === 'arn-mpa')).toMatchObject({ hidden: false });
      expect(v.outcomes[0]?.effects).toContainEqual({ kind: 'asset', asset: 'arn-mpa', strength: 55 });
    }
  });
});

describe('the public picture', () => {
  const { h } = game();
  const v = project(h.state, PUBLIC);
  const view = JSON.stringify(v);

  it('sees only injects released to ALL on the news and social channels', () => {
    expect(v.injects.map((x) => x.subject)).toEqual(['Periscope sighted off the Drex March, ferry passengers say', 'ADHOC-PUBLIC-NEWS']);
    for (const x of v.injects) {
      expect(x.to).toEqual(['ALL']);
      expect(['news', 'social']).toContain(x.channel);
      expect(x.control).toBeNull();
    }
    absent(view, 'ADHOC-ALL-EMAIL');
  });

  it('sees only outcomes released to ALL, without rationale or actions', () => {
    expect(v.outcomes.map((o) => o.title)).toEqual(['OUT-MARK-ALL']);
    expect(v.outcomes[0]?.actions).toEqual([]);
    for (const o of OUTCOMES) absent(view, o.rationale);
  });

  it('sees no intel, messages, actions, briefs of nations, caveats, cohesion or control data', () => {
    expect(v.intel).toEqual([]);
    expect(v.messages).toEqual([]);
    expect(v.actions).toEqual([]);
    expect(v.cohesion).toBeNull();
    expect(v.escalation).toBeNull();
    expect(v.control).toBeNull();
    expect(v.brief).toMatchObject({ nation: null, nations: null });
    for (const n of v.nations) expect(n).toMatchObject({ caveats: null, resources: null });
    for (const r of raw.intel) {
      absent(view, markerOf(r));
      absent(view, r.groundTruth);
    }
    for (const mark of [...MESSAGES.map((m) => m.mark), ...Object.values(ACTION_MARK)]) absent(view, mark);
    for (const brief of Object.values(raw.narrative.nationBriefs)) absent(view, brief);
    absent(view, 'drx-submarine');
    expect(v.treaties.every((t) => t.kind === 'alliance')).toBe(true);
  });
});

describe('exercise control', () => {
  const { h, actionIds } = game();
  const v = project(h.state, CONTROL);
  const view = JSON.stringify(v);

  it('sees everything: every report with ground truth, the whole MSEL, every channel, action and outcome', () => {
    for (const r of raw.intel) {
      present(view, markerOf(r));
      present(view, r.groundTruth);
      if (r.tearline) present(view, r.tearline.body);
    }
    expect(v.injects.map((x) => x.id)).toEqual(h.state.injectOrder);
    for (const x of raw.injects) {
      present(view, x.subject);
      if (x.controlNotes) present(view, x.controlNotes);
    }
    expect(v.injects.find((x) => x.id === 'hw-inj-05')?.control).toMatchObject({ status: 'scheduled', trigger: { type: 'manual' } });
    for (const mark of [...MESSAGES.map((m) => m.mark), ...Object.values(ACTION_MARK), ...OUTCOMES.flatMap((o) => [o.mark, o.rationale])])
      present(view, mark);
    expect(v.actions.map((a) => a.id).sort()).toEqual(Object.values(actionIds).sort());
    expect(v.outcomes[0]).toMatchObject({
      rationale: 'WHY-MARK-1',
      previous: [
        { kind: 'region', region: 'grey-sound', stability: 55 },
        { kind: 'asset', asset: 'drx-submarine', region: 'grey-sound' },
      ],
    });
    expect(v.assets.find((a) => a.id === 'drx-submarine')).toMatchObject({ hidden: true, region: 'drex-march' });
    expect(v.control).toMatchObject({ seed: h.state.seed });
    expect(v.escalation).toMatchObject({ show: 'control', level: h.state.escalationLevel, playbook: raw.escalation.playbook });
    expect(v.brief.nations).toEqual(raw.narrative.nationBriefs);
    expect(v.cohesion?.pairs).toHaveLength(3);
  });

  it('shows the recipients each report may reach', () => {
    const recipients = Object.fromEntries(v.intel.map((r) => [r.id, r.control?.recipients]));
    expect(recipients).toEqual(Object.fromEntries(raw.intel.map((r) => [r.id, NATIONS.filter((n) => mayRead(r, n))])));
  });

  it('an evaluator sees what the facilitator sees', () => {
    const e = project(h.state, EVALUATOR);
    expect(e.audience).toBe('evaluator');
    expect({ ...e, audience: 'facilitator' }).toEqual(v);
  });
});

describe('banners', () => {
  it('every audience reads the computed banner of the reports it may see', () => {
    const h = harness();
    h.advanceTo(2, 'brief');
    const banners = (a: Audience) => Object.fromEntries(project(h.state, a).intel.map((r) => [r.id, r.banner]));
    expect(banners(CONTROL)).toEqual({
      'hw-int-01': 'SECRET//REL TO ARN, BRV',
      'hw-int-02': 'TOP SECRET//NOFORN',
      'hw-int-03': 'CONFIDENTIAL//ORCON//REL TO ARN, CSM',
      'hw-int-04': 'RESTRICTED//REL TO ARN, BRV, CSM',
      'hw-int-05': 'SECRET//REL TO BRV',
    });
    // Each nation holds what reached it: its own reports and hw-int-04, which an inject carried to all.
    expect(banners(nationAudience('ARN'))).toEqual({
      'hw-int-01': 'SECRET//REL TO ARN, BRV',
      'hw-int-04': 'RESTRICTED//REL TO ARN, BRV, CSM',
    });
    expect(banners(nationAudience('BRV'))).toEqual({
      'hw-int-02': 'TOP SECRET//NOFORN',
      'hw-int-04': 'RESTRICTED//REL TO ARN, BRV, CSM',
      'hw-int-05': 'SECRET//REL TO BRV',
    });
    expect(banners(nationAudience('CSM'))).toEqual({
      'hw-int-03': 'CONFIDENTIAL//ORCON//REL TO ARN, CSM',
      'hw-int-04': 'RESTRICTED//REL TO ARN, BRV, CSM',
    });
    expect(project(h.state, nationAudience('CSM')).intel.find((r) => r.id === 'hw-int-03')?.orcon).toBe(true);
    // A share widens who holds it, and the banner follows the originator's widening.
    h.ok(actors.CSM, { type: 'intel.share', intel: 'hw-int-03', to: ['ARN'] });
    h.ok(actors.CSM, { type: 'intel.widen', intel: 'hw-int-03', relTo: ['BRV'] });
    expect(banners(nationAudience('ARN'))['hw-int-03']).toBe('CONFIDENTIAL//ORCON//REL TO ARN, BRV, CSM');
  });
});

describe('audiences', () => {
  it('parses labels', () => {
    expect(audienceFromLabel('facilitator')).toEqual(CONTROL);
    expect(audienceFromLabel('control')).toEqual(CONTROL);
    expect(audienceFromLabel('evaluator')).toEqual(EVALUATOR);
    expect(audienceFromLabel('observer')).toEqual(PUBLIC);
    expect(audienceFromLabel('public')).toEqual(PUBLIC);
    expect(audienceFromLabel('brv')).toEqual(nationAudience('BRV'));
    expect(audienceFromLabel('nobody')).toBeNull();
  });

  it('refuses to project for a nation that is not in the exercise', () => {
    const h = harness();
    expect(() => project(h.state, nationAudience('DRX'))).toThrow(/unknown nation/);
    expect(() => project(h.state, nationAudience('ZZZ'))).toThrow(/unknown nation/);
  });

  it('before the start every audience sees an empty board', () => {
    const h = harness();
    for (const a of [PUBLIC, ...NATIONS.map((n) => nationAudience(n))]) {
      const v = project(h.state, a);
      expect(v.exercise).toMatchObject({ status: 'setup', turn: 0, phase: null });
      expect(v.injects).toEqual([]);
      expect(v.intel).toEqual([]);
    }
    expect(project(h.state, CONTROL).injects).toHaveLength(8);
  });
});

describe('an outcome a nation does not read', () => {
  it('is not named on the action of its own that it settles', () => {
    const h = harness();
    h.advanceTo(1, 'submit');
    const [submitted] = h.ok(BRV, { type: 'action.submit', actionType: 'diplomatic', title: 'Note', text: 'A note verbale.' });
    const action = submitted?.type === 'action.submitted' ? submitted.id : '';
    h.advanceTo(1, 'adjudicate');
    const [covert] = h.ok(facilitator, {
      type: 'adjudication.record',
      actions: [action],
      title: 'Quietly noted',
      outcome: 'x',
      visibleTo: ['ARN'],
    });
    const own = project(h.state, nationAudience('BRV')).actions.find((a) => a.id === action);
    expect(own).toMatchObject({ status: 'adjudicated', adjudication: null });
    expect(JSON.stringify(project(h.state, nationAudience('BRV')))).not.toContain(
      covert?.type === 'adjudication.recorded' ? covert.id : '?',
    );
    expect(project(h.state, CONTROL).actions.find((a) => a.id === action)?.adjudication).not.toBeNull();
  });
});

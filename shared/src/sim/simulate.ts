/**
 * Bots that play every role of an exercise with legal, varied commands, through the real
 * decide/evolve path. Deterministic: the same scenario, seed and options give the same log.
 * Used by `concord simulate`, the property tests and the benchmarks.
 */
import type { Scenario } from '../scenario/schema.ts';
import {
  createExercise,
  decide,
  evolve,
  genesis,
  Rng,
  addressedTo,
  currentPhase,
  type Actor,
  type CommandDraft,
  type EngineEvent,
  type ExerciseState,
  type Rejection,
  type Effect,
} from '../engine/index.ts';
import type { ActionType, PhaseId } from '../common.ts';

/** A command as a bot writes it: everything but the id, which the driver assigns. */
type Draft = CommandDraft;

export interface SimulateOptions {
  seed: number;
  /** Stop after this many turns (default: all of the scenario's turns). */
  turns?: number;
  /** Multiplies the amount of talk and action per phase (default 1). */
  intensity?: number;
  /** Epoch ms of the exercise start (default 2030-01-01T09:00:00Z). */
  startAt?: number;
  exerciseId?: string;
  /** Called after each event is folded, with the live state (do not modify it). */
  observe?: (state: ExerciseState, event: EngineEvent) => void;
}

export interface SimulationResult {
  events: EngineEvent[];
  state: ExerciseState;
  commands: number;
  rejections: Array<{ command: Draft; rejection: Rejection }>;
}

const FACILITATOR: Actor = { role: 'facilitator', nation: null, position: null, name: 'White Cell Lead' };

const ACTION_TEXT: Record<ActionType, string[]> = {
  diplomatic: [
    'Call for consultations under the compact',
    'Démarche to the adversary embassy',
    'Joint statement with partners',
    'Propose a de-escalation hotline',
  ],
  military: [
    'Raise readiness of forward units',
    'Deploy air defence to protect critical sites',
    'Conduct maritime patrols',
    'Reposition a brigade to the border',
  ],
  economic: [
    'Coordinate targeted sanctions',
    'Release strategic gas reserves',
    'Freeze assets of front companies',
    'Offer emergency energy credits',
  ],
  information: [
    'Publicly attribute the disinformation campaign',
    'Brief the press on verified facts',
    'Launch a fact-checking task force',
    'Counter-narrative on partner channels',
  ],
  cyber: [
    'Deploy incident response teams to the grid operator',
    'Harden government networks',
    'Share indicators of compromise',
    'Take down malicious infrastructure',
  ],
  intelligence: [
    'Task additional ISR over the border',
    'Request allied imagery',
    'Expand signals collection',
    'Open a liaison cell with partners',
  ],
  humanitarian: [
    'Open a humanitarian corridor',
    'Pre-position relief supplies',
    'Coordinate with NGOs on reception centres',
    'Fund emergency shelter',
  ],
  legal: [
    'Refer the incident to the alliance legal advisers',
    'Invoke domestic emergency powers',
    'Document violations for accountability',
    'Seek an arbitration clause',
  ],
};
const ACTION_TYPES = Object.keys(ACTION_TEXT) as ActionType[];
const MESSAGE_LINES = [
  'We assess the situation as serious but not yet an armed attack. Views?',
  'Our cabinet meets within the hour; we need your position on consultations.',
  'Can you share what your services have on the incident?',
  'We propose a joint statement this evening. Draft to follow.',
  'Our public is nervous; we cannot be seen to escalate first.',
  'We support calling consultations and will say so publicly.',
  'Please hold the line on attribution until we confirm the forensics.',
  'We are ready to contribute air defence assets if others do the same.',
];

export function simulate(scenario: Scenario, opts: SimulateOptions): SimulationResult {
  const rng = Rng.fromSeed(opts.seed);
  const intensity = Math.max(0, opts.intensity ?? 1);
  const lastTurn = Math.min(scenario.clock.turns, Math.max(1, opts.turns ?? scenario.clock.turns));
  let clock = opts.startAt ?? Date.UTC(2030, 0, 1, 9, 0, 0);
  const created = createExercise({
    exerciseId: opts.exerciseId ?? `sim-${opts.seed}`,
    scenario,
    seed: opts.seed,
    at: clock,
    by: FACILITATOR,
  });
  const events: EngineEvent[] = [created];
  const state = genesis(created);
  const rejections: SimulationResult['rejections'] = [];
  let commands = 0;

  const players = scenario.nations.map((n) => ({
    nation: n.id,
    actors: n.positions.map((p): Actor => ({ role: 'nation', nation: n.id, position: p.id, name: `${n.id} ${p.title}` })),
  }));
  const nationIds = scenario.nations.map((n) => n.id);
  const regionIds = scenario.map.regions.map((r) => r.id);
  const adjacency = new Map(scenario.map.regions.map((r) => [r.id, r.adjacent]));

  const send = (actor: Actor, draft: Draft): boolean => {
    clock += rng.int(2, 90) * 1000;
    commands++;
    const command = { ...draft, id: `sim-${commands}` };
    const d = decide(state, { command, actor, at: clock });
    if (!d.ok) {
      rejections.push({ command: draft, rejection: d.rejection });
      return false;
    }
    for (const e of d.events) {
      evolve(state, e);
      events.push(e);
      opts.observe?.(state, e);
    }
    return true;
  };
  const times = (base: number) => Math.round(base * intensity * (0.5 + rng.float()));
  const someone = (nation: string) => rng.pick(players.find((p) => p.nation === nation)!.actors);

  const chatter = (n: number) => {
    for (let i = 0; i < n; i++) {
      const from = rng.pick(nationIds);
      const others = nationIds.filter((x) => x !== from);
      const to = rng.chance(0.6)
        ? [rng.pick(others)]
        : rng.chance(0.5)
          ? ['ALL']
          : rng.sample(others, rng.int(2, Math.max(2, others.length)));
      send(someone(from), { type: 'message.send', to, subject: rng.chance(0.3) ? 'Urgent' : '', body: rng.pick(MESSAGE_LINES) });
    }
  };

  const acknowledge = () => {
    for (const id of state.injectOrder) {
      const x = state.injects[id]!;
      if (x.status !== 'released') continue;
      for (const n of nationIds)
        if (addressedTo(x.def, n) && !Object.hasOwn(x.acknowledged, n) && rng.chance(0.85))
          send(someone(n), { type: 'inject.acknowledge', inject: id });
    }
  };

  /** This turn's actions, read from the end of the list (older turns are never revisited). */
  const thisTurn = () => {
    const out = [];
    for (let i = state.actionOrder.length - 1; i >= 0; i--) {
      const a = state.actions[state.actionOrder[i]!]!;
      if (a.turn < state.turn) break;
      out.push(a);
    }
    return out.reverse();
  };

  const submitActions = () => {
    for (const n of nationIds) {
      const count = Math.min(12, times(2));
      const mine = Object.entries(state.assets)
        .filter(([, a]) => a.owner === n && !a.hidden)
        .map(([id]) => id);
      for (let i = 0; i < count; i++) {
        const type = rng.pick(ACTION_TYPES);
        send(someone(n), {
          type: 'action.submit',
          actionType: type,
          title: rng.pick(ACTION_TEXT[type]),
          text: `${rng.pick(ACTION_TEXT[type])}. Intent: reassure allies and deter further escalation.`,
          regions: rng.sample(regionIds, rng.int(0, 2)),
          assets: type === 'military' && mine.length ? rng.sample(mine, rng.int(1, Math.min(3, mine.length))) : [],
        });
      }
      const open = thisTurn()
        .filter((a) => a.nation === n && a.status === 'submitted')
        .map((a) => a.id);
      if (open.length > 1 && rng.chance(0.15)) send(someone(n), { type: 'action.withdraw', action: rng.pick(open) });
    }
  };

  const adversaryMove = () => {
    const adv = scenario.adversary.id;
    const mine = Object.entries(state.assets)
      .filter(([, a]) => a.owner === adv)
      .map(([id]) => id);
    const type = rng.pick<ActionType>(['military', 'cyber', 'information', 'economic']);
    send(FACILITATOR, {
      type: 'action.submit',
      as: adv,
      actionType: type,
      title: `Adversary ${type} pressure`,
      text: 'White cell move from the escalation playbook.',
      regions: rng.sample(regionIds, 1),
      assets: mine.length ? rng.sample(mine, 1) : [],
    });
  };

  const adjudicate = () => {
    const open = thisTurn()
      .filter((a) => a.status === 'submitted')
      .map((a) => a.id);
    while (open.length) {
      const batch = open.splice(0, rng.int(1, 3));
      const effects: Effect[] = [];
      for (const id of batch) {
        const a = state.actions[id]!;
        for (const r of a.regions)
          if (rng.chance(0.6))
            effects.push({ kind: 'region', region: r, stability: clamp(state.regions[r]!.stability + rng.int(-15, 10)) });
        for (const asset of a.assets) {
          const cur = state.assets[asset]!;
          const around = adjacency.get(cur.region) ?? [];
          const next = around.length ? rng.pick(around) : undefined;
          if (next !== undefined && rng.chance(0.5)) effects.push({ kind: 'asset', asset, region: next });
          else
            effects.push({
              kind: 'asset',
              asset,
              strength: clamp(cur.strength - rng.int(0, 10)),
              readiness: rng.pick(['ready', 'limited'] as const),
            });
        }
      }
      if (rng.chance(0.05)) {
        const r = rng.pick(regionIds);
        effects.push({ kind: 'region', region: r, controller: rng.chance(0.5) ? null : rng.pick([...nationIds, scenario.adversary.id]) });
      }
      if (rng.chance(0.2)) send(FACILITATOR, { type: 'dice.roll', sides: 100, count: 1, purpose: `Odds for ${batch.join(', ')}` });
      const owners = [...new Set(batch.map((id) => state.actions[id]!.nation).filter((n) => nationIds.includes(n)))];
      send(FACILITATOR, {
        type: 'adjudication.record',
        actions: batch,
        title: `Outcome of ${batch.length} action${batch.length > 1 ? 's' : ''}`,
        outcome: 'The moves had partial effect; the adversary noted allied resolve and adjusted its posture.',
        rationale: 'Judged against the escalation playbook and current readiness.',
        effects,
        visibleTo: rng.chance(0.7) || owners.length === 0 ? 'ALL' : owners,
      });
    }
  };

  const controlMoves = () => {
    const pending = state.injectOrder.filter((id) => ['scheduled', 'held', 'draft'].includes(state.injects[id]!.status));
    if (pending.length && rng.chance(0.3)) {
      const id = rng.pick(pending);
      const st = state.injects[id]!.status;
      if (st === 'scheduled' && rng.chance(0.5)) send(FACILITATOR, { type: 'inject.hold', inject: id, note: 'Holding for pacing' });
      else if (st !== 'scheduled') send(FACILITATOR, { type: 'inject.schedule', inject: id });
      else send(FACILITATOR, { type: 'inject.release', inject: id });
    }
    const manual = state.injectOrder.filter((id) => {
      const x = state.injects[id]!;
      return x.def.trigger.type === 'manual' && x.status === 'scheduled' && x.def.turn <= state.turn;
    });
    for (const id of manual) send(FACILITATOR, { type: 'inject.release', inject: id });
    if (rng.chance(0.25)) {
      const persona = rng.pick(scenario.personas);
      send(FACILITATOR, {
        type: 'inject.create',
        from: persona.id,
        to: rng.chance(0.3) ? ['ALL'] : rng.sample(nationIds, rng.int(1, 2)),
        channel: rng.pick(['news', 'social', 'email', 'phone'] as const),
        subject: `${persona.name}: breaking development`,
        message: 'Reports are coming in of a new incident; details to follow.',
        regions: rng.sample(regionIds, 1),
      });
    }
    if (rng.chance(0.1)) {
      send(FACILITATOR, { type: 'exercise.pause', reason: 'Facilitator huddle' });
      clock += rng.int(60, 600) * 1000;
      if (rng.chance(0.3)) send(FACILITATOR, { type: 'phase.extend', minutes: 5 });
      send(FACILITATOR, { type: 'exercise.resume' });
    }
  };

  const playPhase = (phase: PhaseId) => {
    switch (phase) {
      case 'brief':
        acknowledge();
        controlMoves();
        break;
      case 'consult':
        chatter(times(6));
        if (rng.chance(0.5)) adversaryMove();
        break;
      case 'submit':
        submitActions();
        break;
      case 'adjudicate':
        adjudicate();
        break;
      case 'outcome':
        chatter(times(2));
        acknowledge();
        break;
    }
    for (const n of nationIds) if (rng.chance(0.9)) send(someone(n), { type: 'nation.ready', ready: true });
  };

  send(FACILITATOR, { type: 'exercise.start' });
  for (;;) {
    playPhase(currentPhase(state)!);
    const lastPhase = state.phaseIndex === scenario.clock.phases.length - 1;
    if (lastPhase && state.turn >= lastTurn) break;
    if (rng.chance(0.03)) send(FACILITATOR, { type: 'phase.restart' });
    clock += rng.int(30, 300) * 1000;
    send(FACILITATOR, { type: 'phase.advance', expect: { turn: state.turn, phase: currentPhase(state)! } });
  }
  if (lastTurn === scenario.clock.turns) send(FACILITATOR, { type: 'exercise.end', reason: 'ENDEX' });
  return { events, state, commands, rejections };
}

const clamp = (v: number) => Math.max(0, Math.min(100, v));

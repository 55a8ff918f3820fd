/**
 * Bots that play every role of an exercise with legal, varied commands, through the real
 * decide/evolve path. Deterministic: the same scenario, seed and options give the same log.
 * Used by `concord simulate`, the property tests and the benchmarks.
 *
 * The moves come from the concerns: each concern's `bot` hook (its folder's `bot.ts`) says what
 * the players and exercise control would send in the current state. This file is the driver: the
 * seeded generator, the schedule of rounds per phase, the loop, and the clock. In each round it
 * asks every concern in list order for its moves and plays them in order, each against the state
 * the one before left, so a concern's list must be legal played that way. Between phases it
 * advances the phase, or, with auto-advance on, lets the deadline come and ticks the clock as the
 * host would.
 */
import type { Scenario } from '../scenario/schema.ts';
import {
  CONCERNS,
  createExercise,
  currentPhase,
  currentPosition,
  decide,
  evolve,
  genesis,
  nextDue,
  Rng,
  SYSTEM,
  type Actor,
  type CommandDraft,
  type CommandType,
  type EngineEvent,
  type ExerciseState,
  type Rejection,
} from '../engine/index.ts';
import type { BotContext, BotMove } from '../engine/define.ts';
import type { PhaseId } from '../common.ts';

/** A command as a bot writes it: everything but the id, which the driver assigns. */
type Draft = CommandDraft;

export interface SimulateOptions {
  seed: number;
  /** Stop after this many turns (default: all of the scenario's turns). */
  turns?: number;
  /** Multiplies the rounds of moves per phase (default 1; every phase is played once at least). */
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
  /** How many commands of each type were applied (refused ones are in `rejections`). */
  applied: Partial<Record<CommandType, number>>;
  rejections: Array<{ command: Draft; rejection: Rejection }>;
}

const FACILITATOR: Actor = { role: 'facilitator', nation: null, position: null, name: 'White Cell Lead' };
const EVALUATOR: Actor = { role: 'evaluator', nation: null, position: null, name: 'Lead Evaluator' };

/** Rounds of moves per phase at intensity 1, give or take half (each round asks every concern once; every phase gets one at least). */
const ROUNDS: Record<PhaseId, number> = { brief: 1, consult: 3, submit: 2, adjudicate: 1, outcome: 1 };

/** Due items the driver fires in a row at a phase's end before it falls back to advancing the phase. */
const MAX_TICKS = 100;

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
  const applied: SimulationResult['applied'] = {};

  const seats = new Map(
    scenario.nations.map((n) => [
      n.id,
      n.positions.map((p): Actor => ({ role: 'nation', nation: n.id, position: p.id, name: `${n.id} ${p.title}` })),
    ]),
  );
  /** A seat of the nation; a nation the scenario lacks gets a seatless actor, which decide refuses (and the run records). */
  const seatOf = (nation: string): Actor => {
    const all = seats.get(nation) ?? [];
    return all.length ? rng.pick(all) : { role: 'nation', nation, position: null, name: nation };
  };
  const actorOf = (who: BotMove['actor']): Actor =>
    who === 'control' ? FACILITATOR : who === 'evaluator' ? EVALUATOR : seatOf(who.nation);

  /** Sends a command `wait` ms after the previous one (by default a few seconds to a minute and a half). */
  const send = (actor: Actor, draft: Draft, wait = rng.int(2, 90) * 1000): boolean => {
    clock += wait;
    commands++;
    const command = { ...draft, id: `sim-${commands}` };
    const d = decide(state, { command, actor, at: clock });
    if (!d.ok) {
      rejections.push({ command: draft, rejection: d.rejection });
      return false;
    }
    applied[draft.type] = (applied[draft.type] ?? 0) + 1;
    for (const e of d.events) {
      evolve(state, e);
      events.push(e);
      opts.observe?.(state, e);
    }
    return true;
  };

  /** What the bots draw from: the run's one generator, and the phase they see. */
  const bot: BotContext = {
    random: () => rng.float(),
    pick: <T>(items: readonly T[]) => (items.length ? rng.pick(items) : undefined),
    int: (lo, hi) => rng.int(lo, hi),
    chance: (p) => rng.chance(p),
    sample: (items, n) => rng.sample(items, n),
    get phase() {
      return currentPhase(state);
    },
  };

  const round = () => {
    for (const concern of CONCERNS) {
      const moves = concern.bot?.(state, bot) ?? [];
      for (const move of moves) send(actorOf(move.actor), move.command);
    }
  };

  /** Ends the phase: by the clock when something is due (auto-advance on), else by control advancing it. */
  const nextPhase = () => {
    clock += rng.int(30, 300) * 1000;
    const from = currentPosition(state);
    for (let ticks = 0; currentPosition(state) === from; ticks++) {
      const due = ticks < MAX_TICKS ? nextDue(state) : null;
      if (due && send(SYSTEM, { type: 'clock.tick' }, Math.max(0, due.at - clock))) continue;
      const phase = currentPhase(state);
      send(FACILITATOR, phase === null ? { type: 'phase.advance' } : { type: 'phase.advance', expect: { turn: state.turn, phase } });
      break;
    }
  };

  send(FACILITATOR, { type: 'exercise.start' });
  for (;;) {
    const base = ROUNDS[currentPhase(state)!];
    for (let n = Math.max(1, Math.round(base * intensity * (0.5 + rng.float()))); n > 0; n--) round();
    const lastPhase = state.phaseIndex === scenario.clock.phases.length - 1;
    if (lastPhase && state.turn >= lastTurn) break;
    nextPhase();
  }
  if (lastTurn === scenario.clock.turns) send(FACILITATOR, { type: 'exercise.end', reason: 'ENDEX' });
  return { events, state, commands, applied, rejections };
}

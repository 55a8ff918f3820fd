/**
 * A tiny typed harness for engine and view tests: the harbour-watch scenario, a fixed start time,
 * one actor per role, and `run(actor, command)` that decides, folds accepted events and advances
 * a fake clock. Every engine test drives the engine through this, so a test reads like a
 * transcript of the exercise.
 */
import { readFileSync } from 'node:fs';
import { expect } from 'vitest';
import type { PhaseId } from '../../shared/src/common.ts';
import { parseScenarioText } from '../../shared/src/scenario/load.ts';
import type { Scenario } from '../../shared/src/scenario/schema.ts';
import {
  createExercise,
  currentPhase,
  decide,
  evolve,
  genesis,
  type Actor,
  type CommandInput,
  type Decision,
  type EngineEvent,
  type ExerciseState,
  type Rejection,
} from '../../shared/src/engine/index.ts';

/** 2031-03-14 08:00:00 UTC: the wall-clock time the exercise is created. */
export const T0 = Date.UTC(2031, 2, 14, 8, 0, 0);
export const SEED = 20310314;
/** How far the fake clock moves after every command. */
export const STEP_MS = 1_000;
export const MINUTE = 60_000;

export const SCENARIO_URL = new URL('../../scenarios/harbour-watch.json', import.meta.url);
export const scenarioText = (): string => readFileSync(SCENARIO_URL, 'utf8');

/** A freshly parsed harbour-watch (each harness gets its own copy). */
export function loadHarbourWatch(): Scenario {
  const r = parseScenarioText(scenarioText());
  if (!r.ok) throw new Error(`harbour-watch: ${r.problems.map((p) => `${p.path}: ${p.message}`).join('; ')}`);
  return r.scenario;
}

// Actors ---------------------------------------------------------------------------------------

export const facilitator: Actor = { role: 'facilitator', nation: null, position: null, name: 'White Cell Lead' };
export const evaluator: Actor = { role: 'evaluator', nation: null, position: null, name: 'Evaluator One' };
export const observer: Actor = { role: 'observer', nation: null, position: null, name: 'Observer One' };
export const nationActor = (nation: string, position: string | null = 'hog', name = `${nation} ${position ?? 'team'}`): Actor => ({
  role: 'nation',
  nation,
  position,
  name,
});

export const actors = {
  facilitator,
  evaluator,
  observer,
  ARN: nationActor('ARN', 'hog', 'Arnholm Prime Minister'),
  BRV: nationActor('BRV', 'dm', 'Bravaria Defence Minister'),
  CSM: nationActor('CSM', 'fm', 'Cosmara Foreign Minister'),
} as const;

export const NATIONS = ['ARN', 'BRV', 'CSM'] as const;
export type NationCode = (typeof NATIONS)[number];
export const ADVERSARY = 'DRX';

// Commands -------------------------------------------------------------------------------------

/** A command as a test writes it: the id may be left out, the harness assigns one. */
export type Draft = CommandInput extends infer C ? (C extends CommandInput ? Omit<C, 'id'> & { id?: string } : never) : never;

/** The draft of one command type, e.g. `CommandOf<'action.submit'>`. */
export type CommandOf<T extends Draft['type']> = Extract<Draft, { type: T }>;

export type EventOf<T extends EngineEvent['type']> = Extract<EngineEvent, { type: T }>;

/** The events of one type, typed. */
export function ofType<T extends EngineEvent['type']>(events: readonly EngineEvent[], type: T): EventOf<T>[] {
  return events.filter((e): e is EventOf<T> => e.type === type);
}

/** The one event of a type among `events`; throws if there is not exactly one. */
export function only<T extends EngineEvent['type']>(events: readonly EngineEvent[], type: T): EventOf<T> {
  const found = ofType(events, type);
  if (found.length !== 1) throw new Error(`expected exactly one ${type} event, got ${found.length}`);
  return found[0]!;
}

/** The events of an accepted, non-duplicate decision; throws with the rejection otherwise. */
export function accepted(d: Decision): EngineEvent[] {
  if (!d.ok) throw new Error(`expected the command to be accepted, got ${d.rejection.code}: ${d.rejection.message}`);
  if (d.duplicate) throw new Error('expected new events, got a duplicate');
  return d.events;
}

/** The rejection of a refused decision; throws otherwise. */
export function refused(d: Decision): Rejection {
  if (d.ok) throw new Error(`expected a rejection, got ${d.duplicate ? 'a duplicate' : d.events.map((e) => e.type).join(', ')}`);
  return d.rejection;
}

// Harness --------------------------------------------------------------------------------------

export interface HarnessOptions {
  seed?: number;
  at?: number;
  exerciseId?: string;
  stepMs?: number;
  scenario?: Scenario;
}

export class Harness {
  readonly scenario: Scenario;
  readonly state: ExerciseState;
  /** Every event of the exercise so far, genesis first. */
  readonly log: EngineEvent[];
  /** The time the next command will carry. */
  clock: number;
  readonly stepMs: number;
  private counter = 0;

  constructor(opts: HarnessOptions = {}) {
    this.scenario = opts.scenario ?? loadHarbourWatch();
    this.clock = opts.at ?? T0;
    this.stepMs = opts.stepMs ?? STEP_MS;
    const created = createExercise({
      exerciseId: opts.exerciseId ?? 'hw-test',
      scenario: this.scenario,
      seed: opts.seed ?? SEED,
      at: this.clock,
      by: facilitator,
    });
    this.log = [created];
    this.state = genesis(created);
    this.clock += this.stepMs;
  }

  /** A fresh command id. */
  nextId(): string {
    this.counter += 1;
    return `t${this.counter}`;
  }

  /** Decide a typed command at the current clock, fold what was accepted, then move the clock. */
  run(actor: Actor, command: Draft): Decision {
    return this.send(actor, { ...command, id: command.id ?? this.nextId() });
  }

  /** The same for an untyped command, exactly as a client could send it. */
  send(actor: Actor, command: unknown): Decision {
    const d = decide(this.state, { command, actor, at: this.clock });
    if (d.ok && !d.duplicate)
      for (const e of d.events) {
        evolve(this.state, e);
        this.log.push(e);
      }
    this.clock += this.stepMs;
    return d;
  }

  /** Run a command that must be accepted; returns its events. */
  ok(actor: Actor, command: Draft): EngineEvent[] {
    return accepted(this.run(actor, command));
  }

  /**
   * Run a command that must be refused with `code` (an id is added unless the command has an `id`
   * key), and prove the refusal changed nothing: the
   * state after is deep-equal to a structured clone taken before.
   */
  reject(actor: Actor, command: Draft | Record<string, unknown>, code: string): Rejection {
    const before = structuredClone(this.state);
    // A command that names its id (even as undefined, or as a non-string) is sent exactly as written.
    const withId = Object.hasOwn(command, 'id') ? command : { ...command, id: this.nextId() };
    const rejection = refused(this.send(actor, withId));
    expect(rejection.code, rejection.message).toBe(code);
    expect(rejection.message.length).toBeGreaterThan(5);
    expect(this.state).toEqual(before);
    return rejection;
  }

  /** Move the fake clock on. */
  tick(ms: number): void {
    this.clock += ms;
  }

  get phase(): PhaseId | null {
    return currentPhase(this.state);
  }

  start(): EngineEvent[] {
    return this.ok(facilitator, { type: 'exercise.start' });
  }

  /**
   * Start if needed, then `phase.advance` (with `expect`) until the exercise is at `turn` and
   * `phase`. Returns every event produced on the way.
   */
  advanceTo(turn: number, phase: PhaseId): EngineEvent[] {
    const phases = this.scenario.clock.phases;
    const target = phases.findIndex((p) => p.id === phase);
    if (target < 0) throw new Error(`the scenario has no phase ${phase}`);
    const out: EngineEvent[] = [];
    if (this.state.status === 'setup') out.push(...this.start());
    const pos = () => (this.state.turn - 1) * phases.length + this.state.phaseIndex;
    const goal = (turn - 1) * phases.length + target;
    if (pos() > goal) throw new Error(`already past turn ${turn} ${phase} (at turn ${this.state.turn} ${this.phase})`);
    while (pos() < goal) {
      const current = this.phase;
      if (current === null) throw new Error('no current phase');
      out.push(...this.ok(facilitator, { type: 'phase.advance', expect: { turn: this.state.turn, phase: current } }));
    }
    return out;
  }
}

export const harness = (opts?: HarnessOptions): Harness => new Harness(opts);

/** A deep-frozen copy: any write to it (or anything inside it) throws in strict-mode code. */
export function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const key of Reflect.ownKeys(value)) deepFreeze((value as Record<PropertyKey, unknown>)[key]);
  }
  return value;
}

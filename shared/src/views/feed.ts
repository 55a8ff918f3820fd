/**
 * What each audience is shown as the exercise runs. `project(state, audience)` is the picture at
 * one state; the feed remembers, for each audience, the picture it was last shown, and replaces it
 * only when something that audience may see has changed.
 *
 * So while exercise control works on what a nation cannot see (an evaluator's note, a held or
 * rescheduled inject, a dice roll, the adversary's moves), that nation's picture stays exactly
 * as it was, `exercise.seq` and `exercise.lastAt` included: they name the last event that changed
 * this audience's picture, not the last event of the exercise. Its socket carries nothing, so it
 * learns nothing of that work as it happens. (Records still carry log positions — a record's
 * `seq`, ids such as `A<seq>`, a patch's `from`/`to` — so a nation can count afterwards how many
 * events fell between two it saw; per-audience numbering is later work.) A shown picture is always the projection
 * at the state of its `seq`. Exercise control sees all activity: its picture follows every event.
 *
 * The feed follows every nation and the public from the moment it is created, watched or not,
 * so what an audience is shown never depends on when someone joined or asked: joining late or
 * polling the HTTP API reveals nothing either. When the feed is created (the room starts, after a
 * server restart for example), every picture starts at the state then, so its `seq` is the
 * exercise's at that time. Control's pictures are followed only while someone asks for them.
 */
import type { ExerciseState } from '../engine/index.ts';
import { audienceLabel, audiencesOf, type Audience } from './audience.ts';
import { project, type View } from './project.ts';

/** A picture as shown: the view, and the log position it was shown at (its `exercise.seq`). */
export interface Shown {
  seq: number;
  view: View;
}

/** An audience whose picture changed, from what it was shown before to what it is shown now. */
export interface Change {
  label: string;
  audience: Audience;
  before: Shown;
  after: Shown;
}

interface Entry {
  audience: Audience;
  shown: Shown;
}

const show = (state: ExerciseState, audience: Audience): Shown => ({ seq: state.seq, view: project(state, audience) });

export class ViewFeed {
  private readonly entries = new Map<string, Entry>();

  constructor(state: ExerciseState) {
    for (const audience of audiencesOf(state))
      if (audience.kind !== 'control') this.entries.set(audienceLabel(audience), { audience, shown: show(state, audience) });
  }

  /** The picture the audience is shown now (`state` is the exercise's current state, for control's pictures). */
  current(state: ExerciseState, audience: Audience): Shown {
    const label = audienceLabel(audience);
    const entry = this.entries.get(label);
    if (entry) return entry.shown;
    if (audience.kind !== 'control') throw new Error(`"${label}" is not an audience of this exercise`);
    const shown = show(state, audience);
    this.entries.set(label, { audience, shown });
    return shown;
  }

  /** After new events: every audience whose picture changed, with what it was shown before and now. */
  advance(state: ExerciseState): Change[] {
    const changes: Change[] = [];
    for (const [label, entry] of this.entries) {
      const before = entry.shown;
      if (before.seq === state.seq) continue;
      const view = project(state, entry.audience);
      if (entry.audience.kind !== 'control' && samePicture(before.view, view)) continue;
      entry.shown = { seq: state.seq, view };
      changes.push({ label, audience: entry.audience, before, after: entry.shown });
    }
    return changes;
  }

  /** Stop following a control picture nobody watches (a nation's or the public's is always followed). */
  forget(audience: Audience): void {
    if (audience.kind === 'control') this.entries.delete(audienceLabel(audience));
  }
}

/** Whether two pictures show the same, apart from the log position they were taken at. */
export function samePicture(a: View, b: View): boolean {
  const { seq: _as, lastAt: _al, ...ea } = a.exercise;
  const { seq: _bs, lastAt: _bl, ...eb } = b.exercise;
  return same(ea, eb) && same({ ...a, exercise: null }, { ...b, exercise: null });
}

/** Deep equality of JSON values, by identity first: unchanged records are the same objects (memo). */
function same(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b)) {
    if (a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!same(a[i], b[i])) return false;
    return true;
  }
  const ra = a as Record<string, unknown>;
  const rb = b as Record<string, unknown>;
  const keys = Object.keys(ra);
  if (keys.length !== Object.keys(rb).length) return false;
  for (const k of keys) if (!Object.hasOwn(rb, k) || !same(ra[k], rb[k])) return false;
  return true;
}

/** What every view fragment is given: the state, the audience, and what is derived from them once per projection. */
import type { ExerciseState } from '../engine/index.ts';
import { audienceLabel, type Audience } from './audience.ts';

export interface ViewCtx {
  readonly state: ExerciseState;
  readonly audience: Audience;
  /** The audience's label ("facilitator", "evaluator", "public" or a nation trigraph). */
  readonly label: string;
  /** Exercise control (facilitator or evaluator): sees everything. */
  readonly control: boolean;
  /** The nation whose picture this is, or null for control and the public. */
  readonly nation: string | null;
}

/** A view fragment: one concern's part of an audience's picture. */
export type Fragment<T extends object> = (ctx: ViewCtx) => T;

export function viewCtx(state: ExerciseState, audience: Audience): ViewCtx {
  const nation = audience.kind === 'nation' ? audience.nation : null;
  if (nation !== null && !Object.hasOwn(state.nations, nation)) throw new Error(`unknown nation ${nation}`);
  return { state, audience, label: audienceLabel(audience), control: audience.kind === 'control', nation };
}

/**
 * Who may look through another audience's eyes, and who is told who is online. Decided here, once,
 * for the room's view request and the HTTP API's `GET /api/exercises/:id/state?as=` alike.
 *
 * - Exercise control (facilitators and evaluators) may view the exercise as any of its audiences:
 *   either control picture, any allied nation, or the public. The white cell checks what a team
 *   is shown before it speaks to it; evaluators assess the teams on what they could see.
 * - A nation's seat, and an observer, see only their own audience: the nation's picture, or the
 *   public picture (or, for an observer seated to watch a nation, that nation's). Naming one's
 *   own audience is allowed; naming any other is refused `forbidden`.
 * - A label that names no audience of the exercise is refused `unknown_audience` to anyone,
 *   before the role is looked at: which audiences an exercise has is no secret.
 * - Presence (who is connected, with role, nation and position) goes to exercise control only:
 *   which positions of which team are at the table is not for the other teams or the public.
 */
import type { Role } from '../engine/envelope.ts';
import type { ExerciseState } from '../engine/index.ts';
import { audienceFromLabel, audienceLabel, audienceOf, type Audience } from './audience.ts';

/** Who asks: an actor or a token's claims. */
export interface Viewer {
  role: Role;
  nation: string | null;
}

const isControl = (viewer: Viewer): boolean => viewer.role === 'facilitator' || viewer.role === 'evaluator' || viewer.role === 'system';

/** Whether this viewer may see the exercise as `target` sees it. */
export function mayViewAs(viewer: Viewer, target: Audience): boolean {
  return isControl(viewer) || audienceLabel(target) === audienceLabel(audienceOf(viewer));
}

/** Whether this viewer is sent who is online. */
export function receivesPresence(viewer: Viewer): boolean {
  return isControl(viewer);
}

export type ViewAs = { ok: true; audience: Audience } | { ok: false; code: 'unknown_audience' | 'forbidden'; message: string };

/**
 * The audience a viewer asked for by label (none: its own), or why not: the label names no
 * audience of this exercise, or the viewer may not look through its eyes.
 */
export function viewAs(state: ExerciseState, viewer: Viewer, label: string | undefined): ViewAs {
  if (label === undefined) return { ok: true, audience: audienceOf(viewer) };
  const wanted = audienceFromLabel(label);
  if (!wanted || (wanted.kind === 'nation' && !state.scenario.nations.some((n) => n.id === wanted.nation))) {
    const named = label.length > 40 ? `${label.slice(0, 40)}...` : label;
    return {
      ok: false,
      code: 'unknown_audience',
      message: `"${named}" is not an audience: use facilitator, evaluator, observer or a nation of this exercise.`,
    };
  }
  if (!mayViewAs(viewer, wanted))
    return { ok: false, code: 'forbidden', message: "Only exercise control and evaluators can look through another audience's eyes." };
  return { ok: true, audience: wanted };
}

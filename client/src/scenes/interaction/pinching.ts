/**
 * Two (or more) pointers are down: the first two zoom the map about their midpoint and pan it as
 * the midpoint moves. When one lifts, the other goes on panning; a pinch never ends in a click.
 */
import type { Pt } from '../map-model.ts';
import { accepts, BaseState, press } from './base.ts';
import { Idle } from './idle.ts';
import { Panning } from './panning.ts';
import type { Gesture, InteractionState, PointerInput } from './types.ts';

/** The midpoint and distance of the first two pointers. */
function span(pointers: ReadonlyMap<number, Pt>): { mid: Pt; d: number } | null {
  const [p, q] = pointers.values();
  if (!p || !q) return null;
  return { mid: [(p[0] + q[0]) / 2, (p[1] + q[1]) / 2], d: Math.hypot(p[0] - q[0], p[1] - q[1]) };
}

export class Pinching extends BaseState {
  readonly name = 'pinching';
  private readonly pointers: Map<number, Pt>;

  constructor(pointers: Map<number, Pt>) {
    super();
    this.pointers = pointers;
  }

  override down(e: PointerInput, g: Gesture): InteractionState {
    if (!accepts(e) || this.pointers.has(e.id)) return this;
    press(e, g);
    this.pointers.set(e.id, [e.x, e.y]);
    return this;
  }

  override move(e: PointerInput, g: Gesture): InteractionState {
    if (!this.pointers.has(e.id)) return this;
    const before = span(this.pointers);
    this.pointers.set(e.id, [e.x, e.y]);
    const after = span(this.pointers);
    if (!before || !after) return this;
    if (before.mid[0] === after.mid[0] && before.mid[1] === after.mid[1] && before.d === after.d) return this; // a third finger moved
    g.emit({ type: 'zoom', factor: before.d > 0 ? after.d / before.d : 1, from: before.mid, to: after.mid, animate: false });
    return this;
  }

  override up(e: PointerInput, g: Gesture): InteractionState {
    return this.cancel(e, g);
  }

  override cancel(e: PointerInput, g: Gesture): InteractionState {
    if (!this.pointers.delete(e.id)) return this;
    g.emit({ type: 'release', pointer: e.id });
    if (this.pointers.size >= 2) return this;
    // Go on panning with the remaining finger, from where it is.
    const [rest] = this.pointers;
    return rest ? new Panning(rest[0], rest[1]) : new Idle();
  }
}

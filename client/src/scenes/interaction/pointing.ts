/**
 * One pointer is down and has not moved past the threshold: releasing it is a click (select the
 * region under it); moving past the threshold starts panning; a second pointer starts a pinch.
 */
import type { Pt } from '../map-model.ts';
import { accepts, BaseState, press } from './base.ts';
import { Idle } from './idle.ts';
import { Panning } from './panning.ts';
import { Pinching } from './pinching.ts';
import type { Gesture, InteractionState, PointerInput } from './types.ts';

export class Pointing extends BaseState {
  readonly name = 'pointing';
  readonly pointer: number;
  readonly start: Pt;

  constructor(pointer: number, start: Pt) {
    super();
    this.pointer = pointer;
    this.start = start;
  }

  override down(e: PointerInput, g: Gesture): InteractionState {
    if (!accepts(e) || e.id === this.pointer) return this;
    press(e, g);
    return new Pinching(
      new Map([
        [this.pointer, this.start],
        [e.id, [e.x, e.y]],
      ]),
    );
  }

  override move(e: PointerInput, g: Gesture): InteractionState {
    if (e.id !== this.pointer) return this;
    if (Math.hypot(e.x - this.start[0], e.y - this.start[1]) < g.threshold) return this;
    // The first pan covers the whole way from the press, so the map does not lag the pointer.
    g.emit({ type: 'pan', dx: e.x - this.start[0], dy: e.y - this.start[1] });
    return new Panning(e.id, [e.x, e.y]);
  }

  override up(e: PointerInput, g: Gesture): InteractionState {
    if (e.id !== this.pointer) return this;
    g.emit({ type: 'release', pointer: e.id });
    g.emit({ type: 'select', at: [e.x, e.y] });
    return new Idle();
  }

  override cancel(e: PointerInput, g: Gesture): InteractionState {
    if (e.id !== this.pointer) return this;
    g.emit({ type: 'release', pointer: e.id });
    return new Idle();
  }
}

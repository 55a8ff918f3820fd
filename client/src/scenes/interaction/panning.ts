/** One pointer is dragging the map. Releasing it ends the drag without selecting; a second pointer starts a pinch. */
import type { Pt } from '../map-model.ts';
import { accepts, BaseState, press } from './base.ts';
import { Idle } from './idle.ts';
import { Pinching } from './pinching.ts';
import type { Gesture, InteractionState, PointerInput } from './types.ts';

export class Panning extends BaseState {
  readonly name = 'panning';
  readonly pointer: number;
  private last: Pt;

  constructor(pointer: number, last: Pt) {
    super();
    this.pointer = pointer;
    this.last = last;
  }

  override down(e: PointerInput, g: Gesture): InteractionState {
    if (!accepts(e) || e.id === this.pointer) return this;
    press(e, g);
    return new Pinching(
      new Map([
        [this.pointer, this.last],
        [e.id, [e.x, e.y]],
      ]),
    );
  }

  override move(e: PointerInput, g: Gesture): InteractionState {
    if (e.id !== this.pointer) return this;
    g.emit({ type: 'pan', dx: e.x - this.last[0], dy: e.y - this.last[1] });
    this.last = [e.x, e.y];
    return this;
  }

  override up(e: PointerInput, g: Gesture): InteractionState {
    return this.cancel(e, g);
  }

  override cancel(e: PointerInput, g: Gesture): InteractionState {
    if (e.id !== this.pointer) return this;
    g.emit({ type: 'release', pointer: e.id });
    return new Idle();
  }
}

/** Nothing is down. A press starts pointing (a click, or the start of a drag). */
import { accepts, BaseState, press } from './base.ts';
import { Pointing } from './pointing.ts';
import type { Gesture, InteractionState, PointerInput } from './types.ts';

export class Idle extends BaseState {
  readonly name = 'idle';

  override down(e: PointerInput, g: Gesture): InteractionState {
    if (!accepts(e)) return this;
    press(e, g);
    return new Pointing(e.id, [e.x, e.y]);
  }
}

/** What every interaction state shares: events it does not handle leave it as it is; the wheel and a double click zoom. */
import type { Pt } from '../map-model.ts';
import type { Gesture, InteractionState, PointerInput, StateName, WheelInput } from './types.ts';

/** The zoom factor of one wheel event: lines and pages count as 16 and 400 pixels. */
export function wheelFactor(e: WheelInput): number {
  const unit = e.deltaMode === 1 ? 16 : e.deltaMode === 2 ? 400 : 1;
  return Math.exp(-e.deltaY * unit * 0.0015);
}

/** Whether a pointerdown starts a gesture: any touch or pen, but only a mouse's primary button. */
export const accepts = (e: PointerInput): boolean => !e.mouse || e.button === 0;

export abstract class BaseState implements InteractionState {
  abstract readonly name: StateName;

  down(_e: PointerInput, _g: Gesture): InteractionState {
    return this;
  }

  move(_e: PointerInput, _g: Gesture): InteractionState {
    return this;
  }

  up(_e: PointerInput, _g: Gesture): InteractionState {
    return this;
  }

  cancel(_e: PointerInput, _g: Gesture): InteractionState {
    return this;
  }

  /** The wheel zooms about the pointer, at once, in any state. */
  wheel(e: WheelInput, g: Gesture): InteractionState {
    const at: Pt = [e.x, e.y];
    g.emit({ type: 'zoom', factor: wheelFactor(e), from: at, to: at, animate: false });
    return this;
  }

  /** A double click zooms in twofold about the pointer, animated. */
  doubleClick(at: Pt, g: Gesture): InteractionState {
    g.emit({ type: 'zoom', factor: 2, from: at, to: at, animate: true });
    return this;
  }
}

/** A pointer going down: capture it and stop any camera animation. */
export function press(e: PointerInput, g: Gesture): void {
  g.emit({ type: 'capture', pointer: e.id });
  g.emit({ type: 'stop' });
}

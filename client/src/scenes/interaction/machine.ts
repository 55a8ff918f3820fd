/**
 * The driver: holds the current interaction state, hands it each input event, and passes the
 * intents it emits to the map. Pure: the DOM binding (dom.ts) feeds it, tests feed it directly.
 */
import type { Pt } from '../map-model.ts';
import { Idle } from './idle.ts';
import type { Intent, InteractionState, PointerInput, StateName, WheelInput } from './types.ts';

export type InputEvent =
  | ({ kind: 'down' | 'move' | 'up' | 'cancel' } & PointerInput)
  | ({ kind: 'wheel' } & WheelInput)
  | { kind: 'dblclick'; x: number; y: number };

export class InteractionMachine {
  private state: InteractionState = new Idle();
  private readonly threshold: number;
  private readonly apply: (intent: Intent) => void;

  /** `threshold`: how far (canvas pixels) a press may move and still be a click. */
  constructor(threshold: number, apply: (intent: Intent) => void) {
    this.threshold = threshold;
    this.apply = apply;
  }

  get current(): StateName {
    return this.state.name;
  }

  /** Whether a gesture is under way (the map keeps its loop running meanwhile). */
  get busy(): boolean {
    return this.state.name !== 'idle';
  }

  /** Handle one event; returns whether anything happened (a new state or an intent), so that the map wakes only then. */
  dispatch(e: InputEvent): boolean {
    let emitted = 0;
    const g = {
      threshold: this.threshold,
      emit: (intent: Intent) => {
        emitted++;
        this.apply(intent);
      },
    };
    const before = this.state;
    const at: Pt = [e.x, e.y];
    switch (e.kind) {
      case 'down':
        this.state = before.down(e, g);
        break;
      case 'move':
        this.state = before.move(e, g);
        break;
      case 'up':
        this.state = before.up(e, g);
        break;
      case 'cancel':
        this.state = before.cancel(e, g);
        break;
      case 'wheel':
        this.state = before.wheel(e, g);
        break;
      case 'dblclick':
        this.state = before.doubleClick(at, g);
        break;
    }
    return emitted > 0 || this.state !== before;
  }
}

/**
 * The map's pointer handling as small states (idle, pointing, panning, pinching), each of which
 * handles its own events and returns the state that comes next. The states know nothing of
 * Phaser or the DOM: they turn input into intents, which the map scene carries out.
 */
import type { Pt } from '../map-model.ts';

/** A pointer event, in canvas pixels. */
export interface PointerInput {
  id: number;
  x: number;
  y: number;
  /** The button pressed (for pointerdown); only the primary button of a mouse counts. */
  button: number;
  mouse: boolean;
}

export interface WheelInput {
  x: number;
  y: number;
  deltaY: number;
  /** As WheelEvent.deltaMode: 0 pixels, 1 lines, 2 pages. */
  deltaMode: number;
}

/** What the states ask of the map: camera moves, a selection, pointer capture. */
export type Intent =
  /** Keep receiving this pointer's events while it is down, even off the canvas. */
  | { type: 'capture'; pointer: number }
  | { type: 'release'; pointer: number }
  /** Stop an animated camera move (a finger went down). */
  | { type: 'stop' }
  /** Drag the world by (dx, dy) screen pixels. */
  | { type: 'pan'; dx: number; dy: number }
  /** Zoom by `factor`, keeping the world point under `from` under `to`; animated for a double click. */
  | { type: 'zoom'; factor: number; from: Pt; to: Pt; animate: boolean }
  /** A click: select the region under this screen point (or none). */
  | { type: 'select'; at: Pt };

/** The intents the map scene carries out (the DOM binding does pointer capture itself). */
export type MapIntent = Exclude<Intent, { type: 'capture' } | { type: 'release' }>;

export interface Gesture {
  /** How far (canvas pixels) a pointer may move and still click. */
  readonly threshold: number;
  emit(intent: Intent): void;
}

export type StateName = 'idle' | 'pointing' | 'panning' | 'pinching';

export interface InteractionState {
  readonly name: StateName;
  down(e: PointerInput, g: Gesture): InteractionState;
  move(e: PointerInput, g: Gesture): InteractionState;
  up(e: PointerInput, g: Gesture): InteractionState;
  cancel(e: PointerInput, g: Gesture): InteractionState;
  wheel(e: WheelInput, g: Gesture): InteractionState;
  doubleClick(at: Pt, g: Gesture): InteractionState;
}

/** The pointers that are down, by id, at their last known place. */
export type Pointers = ReadonlyMap<number, Pt>;

/** Feed the canvas's DOM pointer, wheel and double-click events to an interaction machine. */
import { InteractionMachine, type InputEvent } from './machine.ts';
import type { MapIntent } from './types.ts';

export interface Binding {
  machine: InteractionMachine;
  unbind(): void;
}

/**
 * `size()` is the canvas size in canvas pixels (events arrive in CSS pixels); `apply` receives
 * the camera and selection intents (pointer capture is done here); `changed` is called after an
 * event that did something.
 */
export function bindPointerInput(
  canvas: HTMLCanvasElement,
  opts: { threshold: number; size(): { width: number; height: number }; apply(intent: MapIntent): void; changed(): void },
): Binding {
  canvas.style.touchAction = 'none';
  canvas.style.display = 'block';
  const machine = new InteractionMachine(opts.threshold, (intent) => {
    if (intent.type === 'capture') {
      try {
        canvas.setPointerCapture(intent.pointer);
      } catch {
        // Synthetic or already-released pointers cannot be captured; dragging still works.
      }
    } else if (intent.type === 'release') {
      if (canvas.hasPointerCapture(intent.pointer)) canvas.releasePointerCapture(intent.pointer);
    } else opts.apply(intent);
  });
  const pos = (e: MouseEvent): { x: number; y: number } => {
    const rect = canvas.getBoundingClientRect();
    const { width, height } = opts.size();
    return {
      x: ((e.clientX - rect.left) / Math.max(1, rect.width)) * width,
      y: ((e.clientY - rect.top) / Math.max(1, rect.height)) * height,
    };
  };
  const send = (e: InputEvent) => {
    if (machine.dispatch(e)) opts.changed();
  };
  const pointer =
    (kind: 'down' | 'move' | 'up' | 'cancel') =>
    (e: PointerEvent): void =>
      send({ kind, id: e.pointerId, button: e.button, mouse: e.pointerType === 'mouse', ...pos(e) });
  const down = pointer('down');
  const move = pointer('move');
  const up = pointer('up');
  const cancel = pointer('cancel');
  const dbl = (e: MouseEvent) => send({ kind: 'dblclick', ...pos(e) });
  const wheel = (e: WheelEvent) => {
    e.preventDefault();
    send({ kind: 'wheel', deltaY: e.deltaY, deltaMode: e.deltaMode, ...pos(e) });
  };
  canvas.addEventListener('pointerdown', down);
  canvas.addEventListener('pointermove', move);
  canvas.addEventListener('pointerup', up);
  canvas.addEventListener('pointercancel', cancel);
  canvas.addEventListener('wheel', wheel, { passive: false });
  canvas.addEventListener('dblclick', dbl);
  return {
    machine,
    unbind() {
      canvas.removeEventListener('pointerdown', down);
      canvas.removeEventListener('pointermove', move);
      canvas.removeEventListener('pointerup', up);
      canvas.removeEventListener('pointercancel', cancel);
      canvas.removeEventListener('wheel', wheel);
      canvas.removeEventListener('dblclick', dbl);
    },
  };
}

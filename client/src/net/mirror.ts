/**
 * The client's copy of its audience's projection: a full `view` on join, then JSON patches.
 * A patch that does not start where the copy ends is a gap: the copy asks for the whole view.
 */
import fastJsonPatch, { type Operation } from 'fast-json-patch';
import type { View } from '@concord/shared/views/index';

export interface PatchMessage {
  from: number;
  to: number;
  ops: Operation[];
}

export class ViewMirror {
  view: View | null = null;
  seq = 0;
  private readonly listeners = new Set<(view: View, seq: number) => void>();

  /** Replace the copy with a whole projection. */
  reset(seq: number, view: View): void {
    this.view = view;
    this.seq = seq;
    this.emit();
  }

  /** Apply a patch; returns false (and changes nothing) if it does not follow the copy. */
  apply(patch: PatchMessage): boolean {
    if (this.view === null || patch.from !== this.seq) return false;
    const doc = fastJsonPatch.applyPatch(this.view, patch.ops, false, true).newDocument;
    this.view = doc;
    this.seq = patch.to;
    this.emit();
    return true;
  }

  onChange(fn: (view: View, seq: number) => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  private emit(): void {
    if (this.view) for (const fn of this.listeners) fn(this.view, this.seq);
  }
}

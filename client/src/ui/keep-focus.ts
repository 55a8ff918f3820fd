/** Re-render a part of the screen without losing the participant's place: the focused field keeps its focus and caret. */
export function keepingFocus(root: HTMLElement, render: () => void): void {
  const active = document.activeElement;
  const inside = active instanceof HTMLElement && root.contains(active) ? active : null;
  let range: [number | null, number | null] | null = null;
  if (inside instanceof HTMLTextAreaElement || (inside instanceof HTMLInputElement && inside.type === 'text'))
    range = [inside.selectionStart, inside.selectionEnd];
  render();
  if (inside && inside.isConnected && document.activeElement !== inside) {
    inside.focus({ preventScroll: true });
    if (range && (inside instanceof HTMLTextAreaElement || inside instanceof HTMLInputElement))
      inside.setSelectionRange(range[0], range[1]);
  }
}

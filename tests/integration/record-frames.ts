/**
 * Replaces the global WebSocket with one that records every frame it receives. It must be
 * imported before @colyseus/sdk, which captures the global when it loads.
 */
/** Every frame received by sockets created while `sink` is set. */
export class RecordingWebSocket extends WebSocket {
  static sink: Uint8Array[] | null = null;
  static sockets: RecordingWebSocket[] = [];
  constructor(url: string | URL, protocols?: string | string[]) {
    super(url, protocols);
    const sink = RecordingWebSocket.sink;
    RecordingWebSocket.sockets.push(this);
    if (sink)
      this.addEventListener('message', (ev: MessageEvent) => {
        const d: unknown = ev.data;
        if (d instanceof ArrayBuffer) sink.push(new Uint8Array(d));
        else if (ArrayBuffer.isView(d)) sink.push(new Uint8Array(d.buffer, d.byteOffset, d.byteLength));
        else if (typeof d === 'string') sink.push(new TextEncoder().encode(d));
      });
  }
}
globalThis.WebSocket = RecordingWebSocket as unknown as typeof WebSocket;

/**
 * Replaces the global WebSocket with one that records every frame it receives, filed under the
 * session token in its URL (so a client's reconnections are recorded too). It must be imported
 * before @colyseus/sdk, which captures the global when it loads.
 */
export class RecordingWebSocket extends WebSocket {
  /** Frames received, by session token. */
  static readonly sinks = new Map<string, Uint8Array[]>();
  static readonly sockets: RecordingWebSocket[] = [];

  constructor(url: string | URL, protocols?: string | string[]) {
    super(url, protocols);
    RecordingWebSocket.sockets.push(this);
    const href = String(url);
    const sink = [...RecordingWebSocket.sinks].find(([token]) => href.includes(token))?.[1];
    if (sink)
      this.addEventListener('message', (ev: MessageEvent) => {
        const d: unknown = ev.data;
        if (d instanceof ArrayBuffer) sink.push(new Uint8Array(d));
        else if (ArrayBuffer.isView(d)) sink.push(new Uint8Array(d.buffer, d.byteOffset, d.byteLength));
        else if (typeof d === 'string') sink.push(new TextEncoder().encode(d));
      });
  }

  /** The open socket of a session, if any. */
  static openSocketOf(token: string): RecordingWebSocket | undefined {
    return RecordingWebSocket.sockets.filter((s) => s.readyState === WebSocket.OPEN && s.url.includes(token)).at(-1);
  }
}
globalThis.WebSocket = RecordingWebSocket;

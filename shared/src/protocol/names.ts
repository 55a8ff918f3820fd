/** Message names of the wire protocol, dependency-free so the browser bundle stays small. */

/** Name of the request every command travels in: `room.request(COMMAND, command)`. */
export const COMMAND = 'command';

/** Ask for the whole projection again (after a gap), or, for control, another audience's picture. */
export const VIEW = 'view';

/** Messages the server pushes to a client. */
export const PUSH = {
  /** The whole projection for the client's audience: on join, and after a gap. */
  view: 'view',
  /** An RFC 6902 JSON patch from the projection at `from` to the projection at `to`. */
  patch: 'patch',
  /** Presence of participants (control only). */
  presence: 'presence',
  /** The server is about to close this client (removed by control, or shutting down). */
  notice: 'notice',
} as const;

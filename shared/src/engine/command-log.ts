/**
 * The ids of the commands applied so far, for idempotent retries. Ids are the sender's: the same
 * id from two participants names two commands, so entries are keyed by sender and id. Kept as an append-only list
 * of [id, firstSeq, lastSeq] (cheap to copy for snapshots, plain JSON) with a lookup index built
 * on first use and kept up to date as commands are recorded.
 */
export type CommandLog = Array<[id: string, first: number, last: number]>;

const indexes = new WeakMap<CommandLog, Map<string, number>>();

function indexOf(log: CommandLog): Map<string, number> {
  let index = indexes.get(log);
  if (!index) {
    index = new Map();
    for (const [i, entry] of log.entries()) index.set(entry[0], i);
    indexes.set(log, index);
  }
  return index;
}

/** The key of a command in the log: who sent it, and the id they chose. */
export function commandKey(
  by: { participant?: string | null | undefined; role: string; nation: string | null; name: string },
  id: string,
): string {
  return `${by.participant ?? `${by.role}/${by.nation ?? '-'}/${by.name}`}#${id}`;
}

export function lookupCommand(log: CommandLog, id: string): [number, number] | undefined {
  const i = indexOf(log).get(id);
  const entry = i === undefined ? undefined : log[i];
  return entry && [entry[1], entry[2]];
}

/** Record that event `seq` came from command `key`. The events of one command are contiguous. */
export function recordCommand(log: CommandLog, key: string, seq: number): void {
  log.push([key, seq, seq]);
  indexes.get(log)?.set(key, log.length - 1);
}

/** Extend the last entry to event `seq` (a further event of the same command). */
export function extendLastCommand(log: CommandLog, seq: number): void {
  const last = log[log.length - 1];
  if (!last) throw new Error('extendLastCommand on an empty command log');
  log[log.length - 1] = [last[0], last[1], seq];
}

/**
 * What a nation may do with a report it holds, ally by ally: the same tests the handlers apply,
 * so the screen can disable a choice with its reason and the bots never send a refused command.
 */
import type { ExerciseState } from '../state.ts';
import { checkRecipients, shareBlock } from './decide.ts';
import { markingsOf } from './markings.ts';
import type { IntelState } from './records.ts';

/** `ok` (by REL TO), `agreement` (by an intelligence-sharing agreement in force), or the refusal code. */
export type Allowance = 'ok' | 'agreement' | 'noforn' | 'orcon' | 'no_tearline' | 'not_releasable' | 'not_orcon' | 'already_requested';

export interface AllyOption {
  readonly nation: string;
  readonly share: Allowance;
  readonly request: Allowance;
  readonly tearline: Allowance;
  /** Asking the originator to approve the tearline's release, when the tearline is ORCON. */
  readonly tearlineRequest: Allowance;
}

function one(state: ExerciseState, nation: string, x: IntelState, part: 'full' | 'tearline', to: string): Allowance {
  const block = shareBlock(x, nation, part);
  if (block) return block;
  const r = checkRecipients(state, nation, markingsOf(x, part)!, [to], true);
  if ('code' in r) return 'not_releasable';
  return r.agreement ? 'agreement' : 'ok';
}

function requestable(state: ExerciseState, nation: string, x: IntelState, part: 'full' | 'tearline', to: string): Allowance {
  const m = markingsOf(x, part);
  if (!m) return 'no_tearline';
  if (m.controls.noforn) return 'noforn';
  if (!m.controls.orcon || x.def.originator === nation) return 'not_orcon';
  const r = checkRecipients(state, nation, m, [to], false);
  if ('code' in r) return 'not_releasable';
  for (const id of state.intelRequestOrder) {
    const q = state.intelRequests[id];
    if (q?.status === 'pending' && q.report === x.def.id && q.part === part && q.from === nation && q.to.includes(to))
      return 'already_requested';
  }
  return 'ok';
}

/** Every other allied nation, with what the nation may do for it with this report (it holds it in full, or its tearline). */
export function allyOptions(state: ExerciseState, nation: string, x: IntelState): AllyOption[] {
  const full = Object.hasOwn(x.holders, nation);
  return state.scenario.nations
    .filter((n) => n.id !== nation && n.id !== x.def.originator)
    .map((n) => ({
      nation: n.id,
      share: full ? one(state, nation, x, 'full', n.id) : 'not_releasable',
      request: full ? requestable(state, nation, x, 'full', n.id) : 'not_releasable',
      tearline: one(state, nation, x, 'tearline', n.id),
      tearlineRequest: requestable(state, nation, x, 'tearline', n.id),
    }));
}

/**
 * The raw-frame leak test for joint operations, by the method of leak.test.ts: every WebSocket
 * frame each client receives is recorded and searched for canaries planted in an operation's
 * objective, in pledge notes, in the reason a pledge was withdrawn (before the deadline) and
 * broken (after it), and in the reason an operation was cancelled. Arnholm proposes to Bravaria
 * only: no frame reaching Cosmara (an ally, not a participant) or the public observer may carry a
 * canary. Cosmara sees that the operation exists (its title) and nothing more. Positive checks
 * prove the recording sees each canary at the participants.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { View } from '../../shared/src/views/index.ts';
import {
  accepted,
  advanceTo,
  containsBytes,
  createExercise,
  flush,
  refused,
  seatEveryone,
  useServer,
  type Player,
  type Table,
} from './support.ts';

const live = useServer({ rate: { perSecond: 1000, burst: 1000 } });

const C = {
  objective: 'ZQOPCANARYOBJECTIVE',
  arnNote: 'ZQOPCANARYARNNOTE',
  brvNote: 'ZQOPCANARYBRVNOTE',
  amendNote: 'ZQOPCANARYAMENDNOTE',
  withdrawReason: 'ZQOPCANARYWITHDRAW',
  breakReason: 'ZQOPCANARYBREAK',
  cancelObjective: 'ZQOPCANARYCANCELOBJ',
  cancelReason: 'ZQOPCANARYCANCELREASON',
} as const;
type Canary = keyof typeof C;
const ALL = Object.keys(C) as Canary[];

let t: Table;
let ARN: Player;
let BRV: Player;
let CSM: Player;

const seen = (p: Player, keys: readonly Canary[]) => keys.filter((k) => containsBytes(p.frames, C[k]));
const titled = (v: View, title: string) => v.operations.find((o) => o.title === title);

beforeAll(async () => {
  t = await seatEveryone(live.url, await createExercise(live.url, 'harbour-watch', 31), ['ARN', 'BRV', 'CSM']);
  ({ ARN, BRV, CSM } = t.nations as Record<'ARN' | 'BRV' | 'CSM', Player>);
  await accepted(t.control, { type: 'exercise.start' });
  await advanceTo(t.control, 1, 'consult');

  await accepted(ARN, {
    type: 'operation.propose',
    title: 'Sound watch',
    objective: `Watch the sound ${C.objective}`,
    actionType: 'military',
    regions: ['grey-sound'],
    requirements: [{ type: 'fighter', count: 1 }],
    funding: 10,
    participants: ['BRV'],
  });
  const id = titled(await BRV.waitFor((v) => titled(v, 'Sound watch') !== undefined), 'Sound watch')!.id;
  await accepted(ARN, { type: 'operation.pledge', operation: id, assets: ['arn-fighters'], note: `Ready ${C.arnNote}` });
  await accepted(BRV, { type: 'operation.pledge', operation: id, money: 5, note: `Cash ${C.brvNote}` });
  await accepted(BRV, { type: 'operation.pledge', operation: id, money: 10, note: `More ${C.amendNote}` });
  await accepted(BRV, { type: 'operation.withdraw', operation: id, reason: `Home ${C.withdrawReason}` });
  await accepted(BRV, { type: 'operation.pledge', operation: id, money: 10, note: 'Back in' });

  // A second operation, cancelled by its proposer.
  await accepted(ARN, {
    type: 'operation.propose',
    title: 'Harbour net defence',
    objective: `Defend ${C.cancelObjective}`,
    actionType: 'cyber',
    regions: ['harbour-net'],
    participants: ['BRV'],
  });
  const second = titled(await ARN.waitFor((v) => titled(v, 'Harbour net defence') !== undefined), 'Harbour net defence')!.id;
  await accepted(ARN, { type: 'operation.cancel', operation: second, reason: `Because ${C.cancelReason}` });

  // After the deadline, Bravaria withdraws: the pledge is broken, with its reason.
  await advanceTo(t.control, 1, 'submit');
  await accepted(BRV, { type: 'operation.withdraw', operation: id, reason: `Sorry ${C.breakReason}` });
  // Cosmara's refusals say nothing of the operation: not_found, as for an unknown id.
  const hidden = await refused(CSM, { type: 'operation.pledge', operation: id, money: 1 }, 'not_found');
  const unknown = await refused(CSM, { type: 'operation.pledge', operation: 'OP99999', money: 1 }, 'not_found');
  expect(hidden.message).toBe(unknown.message);
  await flush(...t.audiences.map(([, p]) => p), t.control);
}, 30_000);

describe('raw frames of joint operations', () => {
  it('the participants receive every canary (the recording sees them)', () => {
    expect(seen(ARN, ALL)).toEqual(ALL);
    expect(seen(BRV, ALL)).toEqual(ALL);
    expect(seen(t.control, ALL)).toEqual(ALL);
  });

  it('an ally that is not a participant never receives one; it sees the operations exist, by title', () => {
    expect(seen(CSM, ALL)).toEqual([]);
    const v = CSM.view();
    expect(v.operations.map((o) => [o.title, o.full, o.status])).toEqual([
      ['Sound watch', false, 'closed'],
      ['Harbour net defence', false, 'cancelled'],
    ]);
    expect(JSON.stringify(v.operations)).not.toMatch(/objective|pledges|note/);
  });

  it('the public observer never receives one, nor any operation', () => {
    expect(seen(t.observer, ALL)).toEqual([]);
    expect(containsBytes(t.observer.frames, 'Sound watch')).toBe(false);
    expect(t.observer.view().operations).toEqual([]);
  });
});

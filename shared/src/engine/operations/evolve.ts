import type { EvolversFor } from '../define.ts';
import type { ExerciseState } from '../state.ts';
import type { operationEvents } from './events.ts';
import { fullyDelivered } from './decide.ts';
import type { Contribution, OperationRecord, PledgeRecord } from './records.ts';

const EMPTY: Contribution = { assets: [], capabilities: [], money: 0 };

function withPledge(s: ExerciseState, op: string, pledge: string, change: (p: PledgeRecord) => PledgeRecord): void {
  const o = s.operations[op]!;
  s.operations[op] = { ...o, pledges: o.pledges.map((p) => (p.id === pledge ? change(p) : p)) };
}
function release(s: ExerciseState, op: string, assets: readonly string[]): void {
  for (const a of assets) if (s.pledgedAssets[a] === op) delete s.pledgedAssets[a];
}
function close(s: ExerciseState, op: string): void {
  const i = s.pledgingOperations.indexOf(op);
  if (i >= 0) s.pledgingOperations.splice(i, 1);
}

export const operationEvolvers: EvolversFor<typeof operationEvents> = {
  'operation.proposed': (s, e) => {
    const stamp = { seq: e.seq, at: e.at, turn: e.turn };
    s.operationOrder.push(e.operation);
    s.pledgingOperations.push(e.operation);
    const op: OperationRecord = {
      id: e.operation,
      ...stamp,
      proposer: e.by.nation ?? '',
      author: { nation: e.by.nation ?? '', position: e.by.position, name: e.by.name },
      title: e.title,
      objective: e.objective,
      actionType: e.actionType,
      regions: e.regions,
      requirements: e.requirements,
      funding: e.funding,
      pledgeBy: e.pledgeBy,
      launchFrom: e.launchFrom,
      basis: e.basis,
      participants: e.participants,
      status: 'pledging',
      pledges: [],
      launched: null,
      adjudication: null,
      closed: null,
      cancelled: null,
    };
    s.operations[e.operation] = op;
  },
  'operation.pledged': (s, e) => {
    const o = s.operations[e.operation]!;
    const pledged: Contribution = { assets: e.assets, capabilities: e.capabilities, money: e.money };
    const prev = o.pledges.find((p) => p.id === e.pledge);
    const delivered = prev && prev.status !== 'withdrawn' ? prev.delivered : EMPTY;
    const next: PledgeRecord = {
      id: e.pledge,
      seq: e.seq,
      at: e.at,
      turn: e.turn,
      nation: e.nation,
      author: { nation: e.nation, position: e.by.position, name: e.by.name },
      pledged,
      delivered,
      note: e.note,
      status: fullyDelivered(pledged, delivered) ? 'delivered' : 'pledged',
      amended: prev ? prev.amended + 1 : 0,
      deliveries: prev && prev.status !== 'withdrawn' ? prev.deliveries : [],
      ended: null,
    };
    if (prev && prev.status !== 'withdrawn') release(s, e.operation, prev.pledged.assets);
    for (const a of e.assets) s.pledgedAssets[a] = e.operation;
    s.operations[e.operation] = { ...o, pledges: prev ? o.pledges.map((p) => (p.id === e.pledge ? next : p)) : [...o.pledges, next] };
  },
  'operation.pledge_withdrawn': (s, e) => {
    const p = s.operations[e.operation]!.pledges.find((x) => x.id === e.pledge)!;
    release(s, e.operation, p.pledged.assets);
    withPledge(s, e.operation, e.pledge, (p) => ({
      ...p,
      status: 'withdrawn',
      ended: { seq: e.seq, at: e.at, turn: e.turn, reason: e.reason },
    }));
  },
  'operation.delivered': (s, e) => {
    for (const m of e.assets) {
      const a = s.assets[m.asset]!;
      if (a.region !== m.to) s.assets[m.asset] = { ...a, region: m.to };
    }
    withPledge(s, e.operation, e.pledge, (p) => {
      const caps = [...p.delivered.capabilities];
      for (const k of e.capabilities) {
        const i = caps.findIndex((x) => x.type === k.type);
        if (i >= 0) caps[i] = { type: k.type, count: caps[i]!.count + k.count };
        else caps.push(k);
      }
      const delivered: Contribution = {
        assets: [...p.delivered.assets, ...e.assets.map((m) => m.asset)],
        capabilities: caps,
        money: p.delivered.money + e.money,
      };
      return {
        ...p,
        delivered,
        status: fullyDelivered(p.pledged, delivered) ? 'delivered' : 'pledged',
        deliveries: [
          ...p.deliveries,
          { seq: e.seq, at: e.at, turn: e.turn, assets: e.assets, capabilities: e.capabilities, money: e.money },
        ],
      };
    });
  },
  'operation.pledging_closed': (s, e) => {
    const o = s.operations[e.operation]!;
    s.operations[e.operation] = { ...o, status: 'closed', closed: { seq: e.seq, at: e.at, turn: e.turn } };
    close(s, e.operation);
  },
  'operation.launched': (s, e) => {
    const o = s.operations[e.operation]!;
    s.operations[e.operation] = { ...o, status: 'launched', launched: { seq: e.seq, at: e.at, turn: e.turn } };
  },
  'operation.pledge_broken': (s, e) => {
    // What was delivered stays committed; the rest is released.
    const p = s.operations[e.operation]!.pledges.find((x) => x.id === e.pledge)!;
    release(
      s,
      e.operation,
      p.pledged.assets.filter((a) => !p.delivered.assets.includes(a)),
    );
    withPledge(s, e.operation, e.pledge, (p) => ({
      ...p,
      status: 'broken',
      ended: { seq: e.seq, at: e.at, turn: e.turn, reason: e.reason },
    }));
  },
  'operation.cancelled': (s, e) => {
    const o = s.operations[e.operation]!;
    for (const p of o.pledges) release(s, e.operation, p.pledged.assets);
    s.operations[e.operation] = { ...o, status: 'cancelled', cancelled: { seq: e.seq, at: e.at, turn: e.turn, reason: e.reason } };
    close(s, e.operation);
  },
};

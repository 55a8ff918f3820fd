/**
 * Joint operations: a nation proposes one to allies; each participant pledges its own assets,
 * capabilities and money by the pledge deadline (which the clock fires), delivers them, and the
 * proposer launches once what was delivered meets the requirements. Pledges not fully delivered
 * at the launch are broken, as is a pledge withdrawn after the deadline.
 *
 * A nation that is not a participant gets `not_found` for the operation, word for word as for an
 * unknown id: refusals never reveal an operation to a non-participant.
 */
import type { AssetType } from '../../common.ts';
import { own, reject, type Rejection } from '../envelope.ts';
import { isAllied, type EventBody, type HandlersFor } from '../define.ts';
import {
  checkDeadline,
  deadlineDueAt,
  deadlinePassed,
  defaultDeadline,
  describeDeadline,
  positionOfDeadline,
  type GameDeadline,
} from '../turns/gametime.ts';
import { currentPosition, type ExerciseState } from '../state.ts';
import { accessTo } from '../forces/access.ts';
import { inForce } from '../negotiation/records.ts';
import { treatyVisibleTo } from '../treaties/decide.ts';
import type { operationCommands, operationInfo } from './commands.ts';
import {
  deliveredShare,
  isOpen,
  standing,
  unitsOf,
  type CapabilityCount,
  type Contribution,
  type OperationRecord,
  type PledgeRecord,
} from './records.ts';

const types = new WeakMap<object, Map<string, AssetType>>();
/** The type of an asset, from the scenario. */
export function assetTypeOf(state: ExerciseState): (asset: string) => AssetType | undefined {
  let m = types.get(state.scenario);
  if (!m) types.set(state.scenario, (m = new Map(state.scenario.assets.map((a) => [a.id, a.type]))));
  const map = m;
  return (asset) => map.get(asset);
}

export const assetName = (state: ExerciseState, id: string): string => state.scenario.assets.find((a) => a.id === id)?.name ?? id;
export const regionName = (state: ExerciseState, id: string): string => state.scenario.map.regions.find((r) => r.id === id)?.name ?? id;
const typeWords = (t: AssetType): string => t.replace(/_/g, ' ');

/** The operation if the nation takes part in it (the only ones it may refer to). */
export function operationFor(state: ExerciseState, id: string, nation: string): OperationRecord | undefined {
  const op = own(state.operations, id);
  return op && op.participants.includes(nation) ? op : undefined;
}
export const pledgeOf = (op: OperationRecord, nation: string): PledgeRecord | undefined => op.pledges.find((p) => p.nation === nation);
export const pledgeId = (op: string, nation: string): string => `${op}-${nation}`;

/** The first of the operation's regions the nation's forces may enter, or null. */
export const firstOpenRegion = (state: ExerciseState, nation: string, regions: readonly string[]): string | null =>
  regions.find((r) => accessTo(state, nation, r) !== null) ?? null;

/** Whether the pledge deadline has passed or pledging was closed. */
export const pledgingOver = (state: ExerciseState, op: OperationRecord): boolean =>
  op.status !== 'pledging' || deadlinePassed(state, op.pledgeBy);

/** Where launching stands: whether the phase has come, and what is missing (empty when conditions are met). */
export function launchConditions(state: ExerciseState, op: OperationRecord): string[] {
  const type = assetTypeOf(state);
  const delivered = op.pledges.filter(standing).map((p) => p.delivered);
  const missing: string[] = [];
  for (const r of op.requirements) {
    const have = delivered.reduce((n, c) => n + unitsOf(c, r.type, type), 0);
    if (have < r.count) missing.push(`${typeWords(r.type)} needs ${r.count}, ${have} delivered`);
  }
  const money = delivered.reduce((n, c) => n + c.money, 0);
  if (money < op.funding) missing.push(`funding ${money} of ${op.funding} million delivered`);
  return missing;
}
export const launchPhaseCome = (state: ExerciseState, op: OperationRecord): boolean =>
  currentPosition(state) >= positionOfDeadline(state, op.launchFrom);

/** The phase after a deadline's (the default launch): the next phase of the turn, the next turn's first, or itself at the very end. */
export function phaseAfter(state: ExerciseState, d: GameDeadline): GameDeadline {
  const phases = state.scenario.clock.phases;
  const i = phases.findIndex((p) => p.id === d.phase);
  if (i >= 0 && i < phases.length - 1) return { turn: d.turn, phase: phases[i + 1]!.id };
  return d.turn < state.scenario.clock.turns ? { turn: d.turn + 1, phase: phases[0]!.id } : d;
}

function duplicates(
  c: { assets?: readonly string[]; capabilities: readonly CapabilityCount[] },
  path: string,
): Rejection<'duplicate'> | null {
  const a = c.assets ?? [];
  const dupA = a.findIndex((x, i) => a.indexOf(x) !== i);
  if (dupA >= 0) return reject('duplicate', 'The same asset is listed twice.', `${path === '' ? '' : `${path}.`}assets.${dupA}`);
  const t = c.capabilities.map((k) => k.type);
  const dupT = t.findIndex((x, i) => t.indexOf(x) !== i);
  if (dupT >= 0)
    return reject('duplicate', `${typeWords(t[dupT]!)} is listed twice.`, `${path === '' ? '' : `${path}.`}capabilities.${dupT}`);
  return null;
}

/** The open operation (other than this one) the asset is pledged or delivered to. */
export function pledgedElsewhere(state: ExerciseState, asset: string, except: string): OperationRecord | null {
  const id = own(state.pledgedAssets, asset);
  const op = id === undefined ? undefined : own(state.operations, id);
  return op && op.id !== except && isOpen(op) ? op : null;
}

const notOpen = (op: OperationRecord): Rejection<'not_open'> =>
  reject(
    'not_open',
    `"${op.title}" is ${op.status === 'cancelled' ? 'cancelled' : op.status === 'adjudicated' ? 'adjudicated' : 'launched'}.`,
  );

function describeShort(c: Contribution, state: ExerciseState): string {
  const parts = [
    ...c.assets.map((a) => assetName(state, a)),
    ...c.capabilities.map((k) => `${k.count} ${typeWords(k.type)}`),
    ...(c.money > 0 ? [`${c.money} million`] : []),
  ];
  return parts.length ? parts.join(', ') : 'nothing';
}

/** What of a pledge is not delivered, in words. */
export function undelivered(state: ExerciseState, p: PledgeRecord): string {
  const left: Contribution = {
    assets: p.pledged.assets.filter((a) => !p.delivered.assets.includes(a)),
    capabilities: p.pledged.capabilities.flatMap((k) => {
      const got = p.delivered.capabilities.find((d) => d.type === k.type)?.count ?? 0;
      return k.count > got ? [{ type: k.type, count: k.count - got }] : [];
    }),
    money: Math.max(0, p.pledged.money - p.delivered.money),
  };
  return describeShort(left, state);
}

const fullyDelivered = (p: Contribution, d: Contribution): boolean =>
  p.assets.every((a) => d.assets.includes(a)) &&
  p.capabilities.every((k) => (d.capabilities.find((x) => x.type === k.type)?.count ?? 0) >= k.count) &&
  d.money >= p.money;
export { fullyDelivered };

export function earliestPledgeDue(state: ExerciseState): { op: OperationRecord; at: number } | null {
  let best: { op: OperationRecord; at: number } | null = null;
  for (const id of state.pledgingOperations) {
    const op = state.operations[id];
    if (op?.status !== 'pledging') continue;
    const at = deadlineDueAt(state, op.pledgeBy);
    if (at !== null && (best === null || at < best.at)) best = { op, at };
  }
  return best;
}

export function pledgeDeadlineEvents(state: ExerciseState, at: number): EventBody[] {
  const due = earliestPledgeDue(state);
  if (!due || due.at > at) return [];
  return [{ type: 'operation.pledging_closed', operation: due.op.id, turn: state.turn, atDeadline: true }];
}

export const operationHandlers: HandlersFor<typeof operationCommands, typeof operationInfo> = {
  'operation.propose': (state, cmd, { nation }) => {
    for (const [i, r] of cmd.regions.entries())
      if (!own(state.regions, r)) return reject('unknown_region', `There is no region "${r}".`, `regions.${i}`);
    for (const [i, n] of cmd.participants.entries())
      if (!isAllied(state, n)) return reject('unknown_nation', `"${n}" is not one of the allied nations.`, `participants.${i}`);
    const participants = [...new Set([nation, ...cmd.participants])].sort();
    if (participants.length < 2)
      return reject('not_joint', 'Invite at least one ally: a joint operation has two participants or more.', 'participants');
    const dup = duplicates({ capabilities: cmd.requirements }, '');
    if (dup) return { ...dup, path: dup.path?.replace('capabilities', 'requirements') };
    const bad =
      (cmd.pledgeBy ? checkDeadline(state, cmd.pledgeBy, 'pledgeBy') : null) ??
      (cmd.launchFrom ? checkDeadline(state, cmd.launchFrom, 'launchFrom') : null);
    if (bad) return bad;
    const pledgeBy = cmd.pledgeBy ?? defaultDeadline(state);
    const launchFrom = cmd.launchFrom ?? phaseAfter(state, pledgeBy);
    if (positionOfDeadline(state, launchFrom) < positionOfDeadline(state, pledgeBy))
      return reject(
        'bad_deadline',
        `The launch cannot come before pledges are due (${describeDeadline(state.scenario, pledgeBy)}).`,
        'launchFrom',
      );
    const basis = cmd.basis;
    if (basis?.kind === 'treaty') {
      const t = state.scenario.treaties.find((x) => x.id === basis.treaty);
      if (!t || !treatyVisibleTo(t, nation)) return reject('not_found', 'You know of no treaty by that id.', 'basis.treaty');
      if (!t.parties.includes(nation)) return reject('bad_basis', `Your nation is not a member of the ${t.name}.`, 'basis.treaty');
      if (!t.clauses.some((c) => c.id === basis.clause))
        return reject('bad_basis', `The ${t.name} has no clause "${basis.clause}".`, 'basis.clause');
      const outside = participants.find((n) => !t.parties.includes(n));
      if (outside) return reject('bad_basis', `${outside} is not a member of the ${t.name}.`, 'participants');
    } else if (basis?.kind === 'agreement') {
      const a = own(state.agreements, basis.agreement);
      if (!a || !(a.parties.includes(nation) || a.published !== null || a.withdrawn.some((w) => w.nation === nation)))
        return reject('not_found', 'You know of no agreement by that id.', 'basis.agreement');
      if (!inForce(a) || !a.bound.includes(nation))
        return reject('bad_basis', 'That agreement is not in force, or does not bind your nation.', 'basis.agreement');
      const outside = participants.find((n) => !a.bound.includes(n));
      if (outside) return reject('bad_basis', `The agreement does not bind ${outside}.`, 'participants');
    }
    return [
      {
        type: 'operation.proposed',
        operation: `OP${state.seq + 1}`,
        turn: state.turn,
        title: cmd.title,
        objective: cmd.objective,
        actionType: cmd.actionType,
        regions: [...new Set(cmd.regions)],
        requirements: cmd.requirements,
        funding: cmd.funding,
        pledgeBy,
        launchFrom,
        basis,
        participants,
      },
    ];
  },

  'operation.pledge': (state, cmd, { nation }) => {
    const op = operationFor(state, cmd.operation, nation);
    if (!op) return reject('not_found', 'You have no operation by that id.', 'operation');
    if (!isOpen(op) || op.status === 'launched') return notOpen(op);
    if (pledgingOver(state, op)) return reject('deadline_passed', `Pledges were due by ${describeDeadline(state.scenario, op.pledgeBy)}.`);
    const dup = duplicates(cmd, '');
    if (dup) return dup;
    if (cmd.assets.length === 0 && cmd.capabilities.length === 0 && cmd.money === 0)
      return reject('empty', 'Pledge an asset, a capability or money.');
    for (const [i, id] of cmd.assets.entries()) {
      if (own(state.assets, id)?.owner !== nation) return reject('not_your_asset', 'You have no asset by that id.', `assets.${i}`);
      if (firstOpenRegion(state, nation, op.regions) === null)
        return reject(
          'no_access',
          `${assetName(state, id)} cannot go to ${op.regions.map((r) => regionName(state, r)).join(' or ')}: no basing agreement or collective defence in force opens them to your forces.`,
          `assets.${i}`,
        );
      const other = pledgedElsewhere(state, id, op.id);
      if (other) return reject('already_pledged', `${assetName(state, id)} is pledged to "${other.title}".`, `assets.${i}`);
    }
    const prev = pledgeOf(op, nation);
    if (prev && standing(prev)) {
      const d = prev.delivered;
      const kept =
        d.assets.every((a) => cmd.assets.includes(a)) &&
        d.capabilities.every((k) => (cmd.capabilities.find((x) => x.type === k.type)?.count ?? 0) >= k.count) &&
        cmd.money >= d.money;
      if (!kept) return reject('below_delivered', `You have already delivered ${describeShort(d, state)}: the pledge must keep it.`);
    }
    return [
      {
        type: 'operation.pledged',
        operation: op.id,
        turn: state.turn,
        pledge: pledgeId(op.id, nation),
        nation,
        assets: cmd.assets,
        capabilities: cmd.capabilities,
        money: cmd.money,
        note: cmd.note,
        amended: prev !== undefined && standing(prev),
      },
    ];
  },

  'operation.withdraw': (state, cmd, { nation }) => {
    const op = operationFor(state, cmd.operation, nation);
    if (!op) return reject('not_found', 'You have no operation by that id.', 'operation');
    if (!isOpen(op) || op.status === 'launched') return notOpen(op);
    const p = pledgeOf(op, nation);
    if (!p || (p.status !== 'pledged' && p.status !== 'delivered'))
      return reject('no_pledge', 'Your nation has no standing pledge to this operation.');
    if (!pledgingOver(state, op))
      return [{ type: 'operation.pledge_withdrawn', operation: op.id, turn: state.turn, pledge: p.id, nation, reason: cmd.reason }];
    return [
      {
        type: 'operation.pledge_broken',
        operation: op.id,
        turn: state.turn,
        pledge: p.id,
        nation,
        reason: `Withdrawn after the pledge deadline${cmd.reason ? `: ${cmd.reason}` : ''}.`,
      },
    ];
  },

  'operation.deliver': (state, cmd, { nation }) => {
    const op = operationFor(state, cmd.operation, nation);
    if (!op) return reject('not_found', 'You have no operation by that id.', 'operation');
    if (!isOpen(op) || op.status === 'launched') return notOpen(op);
    const p = pledgeOf(op, nation);
    if (p?.status !== 'pledged') {
      if (p?.status === 'delivered') return reject('not_pledged', 'Everything pledged is already delivered.');
      return reject('no_pledge', 'Your nation has no standing pledge to this operation.');
    }
    const dup = duplicates(cmd, '');
    if (dup) return dup;
    if (cmd.assets.length === 0 && cmd.capabilities.length === 0 && cmd.money === 0)
      return reject('empty', 'Deliver an asset, a capability or money.');
    let region: string | null = null;
    if (cmd.region !== undefined) {
      if (!op.regions.includes(cmd.region))
        return reject('unknown_region', `"${cmd.region}" is not one of the operation's regions.`, 'region');
      if (!accessTo(state, nation, cmd.region))
        return reject('no_access', `${regionName(state, cmd.region)} is not open to your forces.`, 'region');
      region = cmd.region;
    }
    const moves: { asset: string; from: string; to: string }[] = [];
    for (const [i, id] of cmd.assets.entries()) {
      const a = own(state.assets, id);
      if (a?.owner !== nation) return reject('not_your_asset', 'You have no asset by that id.', `assets.${i}`);
      if (!p.pledged.assets.includes(id) || p.delivered.assets.includes(id))
        return reject('not_pledged', `${assetName(state, id)} is not pledged, or already delivered.`, `assets.${i}`);
      if (a.readiness === 'not_ready') return reject('not_ready', `${assetName(state, id)} is not ready.`, `assets.${i}`);
      region ??= firstOpenRegion(state, nation, op.regions);
      if (region === null) return reject('no_access', "None of the operation's regions is open to your forces.", `assets.${i}`);
      moves.push({ asset: id, from: a.region, to: region });
    }
    for (const [i, k] of cmd.capabilities.entries()) {
      const pledged = p.pledged.capabilities.find((x) => x.type === k.type)?.count ?? 0;
      const got = p.delivered.capabilities.find((x) => x.type === k.type)?.count ?? 0;
      if (k.count > pledged - got)
        return reject(
          'not_pledged',
          `You pledged ${pledged} ${typeWords(k.type)} and delivered ${got}: ${k.count} more is too many.`,
          `capabilities.${i}`,
        );
    }
    if (cmd.money > p.pledged.money - p.delivered.money)
      return reject('not_pledged', `You pledged ${p.pledged.money} million and delivered ${p.delivered.money}.`, 'money');
    return [
      {
        type: 'operation.delivered',
        operation: op.id,
        turn: state.turn,
        pledge: p.id,
        nation,
        assets: moves,
        capabilities: cmd.capabilities,
        money: cmd.money,
      },
    ];
  },

  'operation.launch': (state, cmd, { nation }) => {
    const op = operationFor(state, cmd.operation, nation);
    if (!op) return reject('not_found', 'You have no operation by that id.', 'operation');
    if (op.proposer !== nation) return reject('not_proposer', 'Only the proposing nation launches the operation.');
    if (!isOpen(op) || op.status === 'launched') return notOpen(op);
    if (!launchPhaseCome(state, op))
      return reject(
        'too_early',
        `The operation launches from "${state.scenario.clock.phases.find((x) => x.id === op.launchFrom.phase)?.label ?? op.launchFrom.phase}" on turn ${op.launchFrom.turn}.`,
      );
    const missing = launchConditions(state, op);
    if (missing.length) return reject('conditions_unmet', `Not enough delivered: ${missing.join('; ')}.`);
    const out: EventBody[] = [];
    if (op.status === 'pledging') out.push({ type: 'operation.pledging_closed', operation: op.id, turn: state.turn, atDeadline: false });
    out.push({ type: 'operation.launched', operation: op.id, turn: state.turn, deliveredShare: deliveredShare(op, assetTypeOf(state)) });
    for (const p of op.pledges)
      if (p.status === 'pledged')
        out.push({
          type: 'operation.pledge_broken',
          operation: op.id,
          turn: state.turn,
          pledge: p.id,
          nation: p.nation,
          reason: `Undelivered at launch: ${undelivered(state, p)}.`,
        });
    return out;
  },

  'operation.cancel': (state, cmd, { nation }) => {
    const op = operationFor(state, cmd.operation, nation);
    if (!op) return reject('not_found', 'You have no operation by that id.', 'operation');
    if (op.proposer !== nation) return reject('not_proposer', 'Only the proposing nation cancels the operation.');
    if (!isOpen(op) || op.status === 'launched') return notOpen(op);
    return [{ type: 'operation.cancelled', operation: op.id, turn: state.turn, reason: cmd.reason }];
  },
};

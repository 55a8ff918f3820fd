/**
 * Joint operations and the burden-sharing ledger.
 *
 * - Participants (the proposer and the invited allies) and control see an operation in full: its
 *   objective, requirements, every pledge with its note, deliveries, and what launching still
 *   needs. An asset in an ally's pledge that the reader may not see (a hidden asset) shows only as
 *   "undisclosed", counted.
 * - Other allies see that the operation exists: its title, proposer, participants, regions, status
 *   and deadlines; no objective, no basis, no pledges, no notes.
 * - The public sees no operation.
 * - The outcome that settled an operation is linked only for an audience that reads the outcome.
 * - The ledger covers the operations the reader sees in full, and the pledge rates of the
 *   treaties and agreements the reader knows of (see engine/operations/ledger.ts).
 */
import {
  assetTypeOf,
  burdenLedger,
  deliveredShare,
  launchConditions,
  launchPhaseCome,
  pledgingOver,
  standing,
  treatyVisibleTo,
  unitsOf,
  type Contribution,
  type ExerciseState,
  type OperationRecord,
  type PledgeSource,
} from '../../engine/index.ts';
import type { ViewCtx } from '../context.ts';
import { memo } from '../memo.ts';
import { canSeeAsset, canSeeOutcome } from './adjudication.ts';
import { deadlineView, type DeadlineView } from './negotiation.ts';

const seesFully = ({ control, nation }: ViewCtx, op: OperationRecord): boolean =>
  control || (nation !== null && op.participants.includes(nation));

function basisLabel(state: ExerciseState, op: OperationRecord): string | null {
  const b = op.basis;
  if (b === null) return null;
  if (b.kind === 'treaty') {
    const t = state.scenario.treaties.find((x) => x.id === b.treaty);
    const c = t?.clauses.find((x) => x.id === b.clause);
    return `${t?.name ?? b.treaty}, ${c ? `${c.article} ${c.title}` : b.clause}`;
  }
  const a = state.agreements[b.agreement];
  const v = a?.versions.find((x) => x.number === a.inForce?.version) ?? a?.versions.at(-1);
  return v ? `Agreement: ${v.title}` : `Agreement ${b.agreement}`;
}

interface Summary {
  id: string;
  title: string;
  proposer: string;
  participants: readonly string[];
  regions: readonly string[];
  status: OperationRecord['status'];
  pledgeBy: DeadlineView;
  launchFrom: DeadlineView;
  turn: number;
  at: number;
  outcome: string | null;
}

function fullView(ctx: ViewCtx, op: OperationRecord, summary: Summary) {
  const { state, control } = ctx;
  const type = assetTypeOf(state);

  const shows = (a: string) => control || !state.assets[a] || canSeeAsset(ctx, state.assets[a]);
  const shown = (c: Contribution) => ({
    assets: c.assets.filter(shows),
    undisclosed: c.assets.filter((a) => !shows(a)).length,
    capabilities: c.capabilities,
    money: c.money,
  });
  const live = op.pledges.filter(standing);
  return {
    ...summary,
    full: true as const,
    author: op.author,
    objective: op.objective,
    actionType: op.actionType,
    basis: op.basis,
    basisLabel: basisLabel(state, op),
    requirements: op.requirements.map((r) => ({
      type: r.type,
      count: r.count,
      pledged: live.reduce((n, p) => n + unitsOf(p.pledged, r.type, type), 0),
      delivered: live.reduce((n, p) => n + unitsOf(p.delivered, r.type, type), 0),
    })),
    funding: {
      need: op.funding,
      pledged: live.reduce((n, p) => n + p.pledged.money, 0),
      delivered: live.reduce((n, p) => n + p.delivered.money, 0),
    },
    pledges: op.pledges.map((p) => ({
      id: p.id,
      nation: p.nation,
      author: p.author,
      pledged: shown(p.pledged),
      delivered: shown(p.delivered),
      note: p.note,
      status: p.status,
      amended: p.amended,
      deliveries: p.deliveries.map((d) => ({
        seq: d.seq,
        at: d.at,
        turn: d.turn,
        assets: d.assets.filter((m) => shows(m.asset)),
        capabilities: d.capabilities,
        money: d.money,
      })),
      ended: p.ended,
      turn: p.turn,
      at: p.at,
    })),
    pledgingOpen: op.status === 'pledging' && !pledgingOver(state, op),
    launch: { phaseCome: launchPhaseCome(state, op), missing: launchConditions(state, op) },
    deliveredShare: deliveredShare(op, type),
    launched: op.launched,
    closed: op.closed,
    cancelled: op.cancelled,
  };
}

export type OperationFullView = ReturnType<typeof fullView>;
export type OperationSummaryView = Summary & { full: false };
export type OperationView = OperationSummaryView | OperationFullView;

export function operations(ctx: ViewCtx) {
  const { state, audience, control, nation } = ctx;
  const phaseKey = `${state.turn}/${state.phaseIndex}/${state.deadline ?? ''}/${state.phaseStartedAt ?? ''}/${state.status}`;
  const settledBy = new Map<string, string>();
  for (const o of state.adjudications) for (const id of o.operations) if (canSeeOutcome(ctx, o)) settledBy.set(id, o.id);
  const settled = new Set<string>();
  for (const o of state.adjudications) for (const id of o.operations) settled.add(id);
  const list = state.operationOrder.flatMap((id): OperationView[] => {
    const op = state.operations[id];
    if (!op) return [];
    const status = op.status === 'launched' && settled.has(op.id) ? 'adjudicated' : op.status;
    const outcome = op.adjudication !== null && settledBy.has(op.id) ? op.adjudication : (settledBy.get(op.id) ?? null);
    const summary: Summary = {
      id: op.id,
      title: op.title,
      proposer: op.proposer,
      participants: op.participants,
      regions: op.regions,
      status,
      pledgeBy: deadlineView(state, op.pledgeBy)!,
      launchFrom: deadlineView(state, op.launchFrom)!,
      turn: op.turn,
      at: op.at,
      outcome,
    };
    if (!seesFully(ctx, op)) {
      if (!state.nations[nation ?? '']) return [];
      return [memo(op, audience, ['summary', phaseKey, status, outcome], (): OperationView => ({ ...summary, full: false as const }))];
    }
    const hiddenMask = op.pledges.flatMap((p) =>
      p.pledged.assets.map((a) => control || !state.assets[a] || canSeeAsset(ctx, state.assets[a])),
    );
    return [memo(op, audience, ['full', phaseKey, status, outcome, ...hiddenMask], () => fullView(ctx, op, summary))];
  });
  return { operations: list };
}

/** The burden-sharing ledger over the operations this audience sees in full; the public has none (it sees no operation). */
export function burden(ctx: ViewCtx) {
  const { state, control, nation } = ctx;
  const full = state.operationOrder.flatMap((id) => {
    const op = state.operations[id];
    return op && seesFully(ctx, op) ? [op] : [];
  });
  const knows = (s: PledgeSource): boolean => {
    if (control) return true;
    if (s.kind === 'treaty') {
      const t = state.scenario.treaties.find((x) => x.id === s.treaty);
      return t !== undefined && nation !== null && treatyVisibleTo(t, nation);
    }
    const a = state.agreements[s.agreement];
    return a !== undefined && nation !== null && (a.parties.includes(nation) || a.published !== null);
  };
  const ledger = burdenLedger(state, full, knows);
  const sourceLabel = (s: PledgeSource | null): string | null => {
    if (s === null) return null;
    if (s.kind === 'treaty') {
      const t = state.scenario.treaties.find((x) => x.id === s.treaty);
      const c = t?.clauses.find((x) => x.id === s.clause);
      return `${t?.name ?? s.treaty}, ${c?.article ?? s.clause}`;
    }
    const a = state.agreements[s.agreement];
    return a ? `Agreement: ${(a.versions.find((x) => x.number === a.inForce?.version) ?? a.versions.at(-1))?.title ?? a.id}` : null;
  };
  return {
    burden:
      control || nation !== null
        ? { rows: ledger.rows.map((r) => ({ ...r, sourceLabel: sourceLabel(r.source) })), totals: ledger.totals, operations: full.length }
        : null,
  };
}

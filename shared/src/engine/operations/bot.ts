/**
 * Simulation moves for joint operations. After the brief and during consultation, a nation
 * proposes an operation: first what an inject released this turn asks for (its expected action
 * speaks of a joint operation: the addressee proposes one in the inject's regions), else now and
 * then one of its own, in a region its forces and its allies' may reach. The participants pledge
 * their ready assets of the types required, capabilities and money; some amend, some withdraw,
 * and some withdraw after the deadline (a broken pledge). They deliver, all at once or in part,
 * or not at all. The proposer launches once what was delivered meets the needs (pledges left
 * undelivered then break), and cancels an operation that is still short a turn after its launch
 * phase.
 *
 * Linear in the log: the bot looks at the operations of the last two turns only, and at the
 * injects released this turn. At most one move per operation and nation per round, and none on
 * an operation the proposer launches or cancels in that round, so no move is refused for one sent
 * before it.
 */
import type { AssetType, PhaseId } from '../../common.ts';
import type { BotContext, BotMove } from '../define.ts';
import type { ExerciseState } from '../state.ts';
import { accessTo } from '../forces/access.ts';
import { addressedTo } from '../injects/decide.ts';
import { firstOpenRegion, pledgedElsewhere, launchConditions, launchPhaseCome, pledgeOf, pledgingOver } from './decide.ts';
import { isOpen, standing, type CapabilityCount, type OperationRecord } from './records.ts';

const TITLES: readonly [string, string][] = [
  ['Allied air policing', 'Deter incursions and police the airspace together.'],
  ['Maritime security patrol', 'Keep the sea lanes open and shadow hostile vessels.'],
  ['Forward presence rotation', "Reinforce the threatened ally's territory with a multinational battlegroup."],
  ['Undersea infrastructure patrol', 'Protect the undersea cables and pipelines.'],
  ['Cyber defence task force', 'Defend critical networks with a joint team.'],
];
const NOTES = [
  'Subject to parliamentary approval.',
  'Available for the duration of the operation.',
  'Under national command, tactical control to the lead nation.',
  '',
];

/** Operations of the last two turns (ids are in order: walk back from the newest). */
function recent(state: ExerciseState): OperationRecord[] {
  const out: OperationRecord[] = [];
  for (let i = state.operationOrder.length - 1; i >= 0; i--) {
    const op = state.operations[state.operationOrder[i]!];
    if (!op) continue;
    if (op.turn < state.turn - 1) break;
    out.push(op);
  }
  return out.reverse();
}

const typesOf = (state: ExerciseState): Map<string, AssetType> => new Map(state.scenario.assets.map((a) => [a.id, a.type]));

/** The nation's ready assets that may go to the regions and are not spoken for. */
function available(state: ExerciseState, nation: string, regions: readonly string[], taken: ReadonlySet<string>): string[] {
  if (firstOpenRegion(state, nation, regions) === null) return [];
  return Object.entries(state.assets)
    .filter(([id, a]) => a.owner === nation && a.readiness !== 'not_ready' && !taken.has(id))
    .map(([id]) => id);
}

/** Assets pledged or delivered to an open operation. */
const spokenFor = (state: ExerciseState): Set<string> =>
  new Set(Object.keys(state.pledgedAssets).filter((a) => pledgedElsewhere(state, a, '') !== null));

const ACTIVE: Partial<Record<PhaseId, number>> = { brief: 0.3, consult: 0.35 };

function proposal(state: ExerciseState, bot: BotContext, ops: readonly OperationRecord[]): BotMove | null {
  const phase = bot.phase;
  if (phase !== 'brief' && phase !== 'consult') return null;
  if (ops.some((o) => o.turn === state.turn && o.status === 'pledging' && o.seq > state.seq - 400)) {
    if (!bot.chance(0.1)) return null;
  } else if (!bot.chance(ACTIVE[phase] ?? 0)) return null;
  const nations = Object.keys(state.nations);
  // What an inject released this turn asks for.
  let from: string | undefined;
  let regions: string[] = [];
  let title: [string, string] | undefined;
  for (const id of state.injectOrder) {
    const x = state.injects[id];
    if (x?.status !== 'released' || x.releasedTurn !== state.turn || !/joint operation/i.test(x.def.expectedAction)) continue;
    if (ops.some((o) => o.turn === state.turn && o.title === x.def.subject)) continue;
    const addressees = nations.filter((n) => addressedTo(x.def, n));
    from = bot.pick(addressees);
    regions = x.def.regions.filter((r) => Object.hasOwn(state.regions, r) && state.regions[r]!.controller !== state.scenario.adversary.id);
    title = [x.def.subject, x.def.expectedAction];
    break;
  }
  from ??= bot.pick(nations);
  if (from === undefined) return null;
  const proposer = from;
  if (regions.length === 0) {
    const open = state.scenario.map.regions.filter((r) => accessTo(state, proposer, r.id) !== null && r.domain !== 'information');
    const pick = bot.pick(open);
    if (!pick) return null;
    regions = [pick.id];
  }
  const others = nations.filter((n) => n !== proposer);
  const participants = bot.sample(others, bot.int(1, Math.min(3, others.length)));
  // Require types that the participants own, so the operation can be met.
  const types = typesOf(state);
  const owned = [
    ...new Set(Object.entries(state.assets).flatMap(([id, a]) => ([proposer, ...participants].includes(a.owner) ? [types.get(id)!] : []))),
  ];
  const requirements: CapabilityCount[] = bot.sample(owned, bot.int(1, Math.min(2, owned.length))).map((type) => ({ type, count: 1 }));
  const [t, objective] = title ?? bot.pick(TITLES)!;
  const alliance = state.scenario.treaties.find(
    (x) => x.kind === 'alliance' && [proposer, ...participants].every((n) => x.parties.includes(n)),
  );
  const clause = alliance?.clauses.find((c) => c.type === 'burden_sharing') ?? alliance?.clauses[0];
  return {
    actor: { nation: proposer },
    command: {
      type: 'operation.propose',
      title: t,
      objective: objective || 'Joint operation.',
      actionType: 'military',
      regions,
      requirements,
      funding: bot.int(0, 6) * 10,
      basis: alliance && clause && bot.chance(0.7) ? { kind: 'treaty', treaty: alliance.id, clause: clause.id } : null,
      participants,
    },
  };
}

export function operationsBot(state: ExerciseState, bot: BotContext): BotMove[] {
  if (state.status !== 'running') return [];
  const ops = recent(state);
  const moves: BotMove[] = [];
  const taken = spokenFor(state);
  const types = typesOf(state);
  for (const op of ops) {
    if (!isOpen(op) || op.status === 'launched') continue;
    // The proposer launches when it may, or gives up on an operation still short a turn after its launch phase.
    if (launchPhaseCome(state, op)) {
      if (launchConditions(state, op).length === 0) {
        if (bot.chance(0.8)) {
          moves.push({ actor: { nation: op.proposer }, command: { type: 'operation.launch', operation: op.id } });
          continue;
        }
      } else if (state.turn > op.launchFrom.turn && bot.chance(0.5)) {
        moves.push({
          actor: { nation: op.proposer },
          command: { type: 'operation.cancel', operation: op.id, reason: 'The allies did not deliver what it needs.' },
        });
        continue;
      }
    } else if (op.status === 'pledging' && bot.chance(0.02)) {
      moves.push({
        actor: { nation: op.proposer },
        command: { type: 'operation.cancel', operation: op.id, reason: 'Overtaken by events.' },
      });
      continue;
    }
    const over = pledgingOver(state, op);
    for (const nation of op.participants) {
      const p = pledgeOf(op, nation);
      if (!over && (!p || !standing(p) || p.status === 'broken')) {
        if (p?.status === 'broken' || !bot.chance(0.6)) continue;
        const mine = available(state, nation, op.regions, taken);
        const needed = new Set(op.requirements.map((r) => r.type));
        const fit = mine.filter((a) => needed.has(types.get(a)!));
        const assets = bot.sample(fit.length ? fit : mine, bot.chance(0.8) ? 1 : 0);
        for (const a of assets) taken.add(a);
        const capabilities = bot.chance(0.3) && op.requirements.length ? [{ type: bot.pick(op.requirements)!.type, count: 1 }] : [];
        const money = op.funding > 0 ? bot.int(1, 4) * 10 : bot.chance(0.3) ? 10 : 0;
        if (assets.length === 0 && capabilities.length === 0 && money === 0) continue;
        moves.push({
          actor: { nation },
          command: { type: 'operation.pledge', operation: op.id, assets, capabilities, money, note: bot.pick(NOTES) ?? '' },
        });
        continue;
      }
      if (!p || (p.status !== 'pledged' && p.status !== 'delivered')) continue;
      // A standing pledge: amend it, withdraw it (after the deadline: break it), or deliver.
      if (
        !over &&
        p.delivered.money === 0 &&
        p.delivered.assets.length === 0 &&
        p.delivered.capabilities.length === 0 &&
        bot.chance(0.08)
      ) {
        moves.push({
          actor: { nation },
          command: {
            type: 'operation.pledge',
            operation: op.id,
            assets: [...p.pledged.assets],
            capabilities: [...p.pledged.capabilities],
            money: p.pledged.money + 10,
            note: 'Raised after consultations at home.',
          },
        });
        continue;
      }
      if (bot.chance(over ? 0.1 : 0.08)) {
        moves.push({
          actor: { nation },
          command: {
            type: 'operation.withdraw',
            operation: op.id,
            reason: over ? 'Forces needed at home.' : 'We cannot commit at this stage.',
          },
        });
        continue;
      }
      if (p.status !== 'pledged' || (bot.phase !== 'consult' && bot.phase !== 'submit') || !bot.chance(0.55)) continue;
      const assets = p.pledged.assets.filter((a) => !p.delivered.assets.includes(a) && state.assets[a]?.readiness !== 'not_ready');
      const capabilities = p.pledged.capabilities.flatMap((k) => {
        const got = p.delivered.capabilities.find((d) => d.type === k.type)?.count ?? 0;
        return k.count > got ? [{ type: k.type, count: k.count - got }] : [];
      });
      const left = p.pledged.money - p.delivered.money;
      const money = left > 0 && bot.chance(0.3) ? Math.ceil(left / 2) : left;
      if (assets.length && firstOpenRegion(state, nation, op.regions) === null) continue;
      if (assets.length === 0 && capabilities.length === 0 && money === 0) continue;
      moves.push({ actor: { nation }, command: { type: 'operation.deliver', operation: op.id, assets, capabilities, money } });
    }
  }
  const proposed = proposal(state, bot, ops);
  if (proposed) moves.push(proposed);
  return moves;
}

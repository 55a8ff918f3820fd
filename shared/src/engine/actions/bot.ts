/**
 * Simulation moves for actions: in the submission phase every nation puts forward a few actions
 * (committing its own assets to military ones) and sometimes withdraws one; during consultation
 * exercise control moves for the adversary, and sometimes takes a move back.
 */
import { ACTION_TYPES } from '../../vocab.ts';
import type { ActionType } from '../../common.ts';
import type { BotContext, BotMove } from '../define.ts';
import type { ExerciseState } from '../state.ts';
import { MAX_ACTIONS_PER_TURN } from './commands.ts';
import { actionsThisTurn } from './decide.ts';

const ACTION_TEXT: Record<ActionType, readonly string[]> = {
  diplomatic: [
    'Call for consultations under the compact',
    'Démarche to the adversary embassy',
    'Joint statement with partners',
    'Propose a de-escalation hotline',
  ],
  military: [
    'Raise readiness of forward units',
    'Deploy air defence to protect critical sites',
    'Conduct maritime patrols',
    'Reposition a brigade to the border',
  ],
  economic: [
    'Coordinate targeted sanctions',
    'Release strategic gas reserves',
    'Freeze assets of front companies',
    'Offer emergency energy credits',
  ],
  information: [
    'Publicly attribute the disinformation campaign',
    'Brief the press on verified facts',
    'Launch a fact-checking task force',
    'Counter-narrative on partner channels',
  ],
  cyber: [
    'Deploy incident response teams to the grid operator',
    'Harden government networks',
    'Share indicators of compromise',
    'Take down malicious infrastructure',
  ],
  intelligence: [
    'Task additional ISR over the border',
    'Request allied imagery',
    'Expand signals collection',
    'Open a liaison cell with partners',
  ],
  humanitarian: [
    'Open a humanitarian corridor',
    'Pre-position relief supplies',
    'Coordinate with NGOs on reception centres',
    'Fund emergency shelter',
  ],
  legal: [
    'Refer the incident to the alliance legal advisers',
    'Invoke domestic emergency powers',
    'Document violations for accountability',
    'Seek an arbitration clause',
  ],
};
/** A matrix argument: the intended result and one to three reasons. */
function argumentFor(actionType: ActionType, bot: BotContext): { result: string; reasons: string[] } {
  const reasons = [
    'Our forces are already in place and ready',
    'The allies have signalled support in consultation',
    'The adversary cannot respond without exposing itself',
    'The public has been prepared by our communications',
    'Earlier steps have opened the way',
  ];
  return {
    result: `The ${actionType} move achieves its aim this turn and the adversary pauses.`,
    reasons: bot.sample(reasons, bot.int(1, 3)),
  };
}

const ADVERSARY_TYPES: readonly ActionType[] = ['military', 'cyber', 'information', 'economic'];

/** This turn's actions, read from the end of the list (older turns are never revisited). */
export function actionsBot(state: ExerciseState, bot: BotContext): BotMove[] {
  if (state.status !== 'running') return [];
  const current = actionsThisTurn(state);
  const regions = Object.keys(state.regions);
  const assetsOf = (owner: string, hiddenToo: boolean) =>
    Object.entries(state.assets)
      .filter(([, a]) => a.owner === owner && (hiddenToo || !a.hidden))
      .map(([id]) => id);
  const moves: BotMove[] = [];
  const matrix = state.scenario.meta.adjudication === 'matrix';

  if (bot.phase === 'submit')
    for (const nation of Object.keys(state.nations)) {
      const mine = current.filter((a) => a.nation === nation);
      const open = mine.filter((a) => a.status === 'submitted');
      let counted = mine.filter((a) => a.status !== 'withdrawn').length;
      const withdrawn = open.length > 0 && bot.chance(0.3) ? bot.pick(open) : undefined;
      if (withdrawn) {
        moves.push({ actor: { nation }, command: { type: 'action.withdraw', action: withdrawn.id } });
        counted--;
      }
      const assets = assetsOf(nation, false);
      for (let i = Math.min(MAX_ACTIONS_PER_TURN - counted, bot.int(0, 2)); i > 0; i--) {
        const actionType = bot.pick(ACTION_TYPES) ?? 'diplomatic';
        const text = ACTION_TEXT[actionType];
        moves.push({
          actor: { nation },
          command: {
            type: 'action.submit',
            actionType,
            title: bot.pick(text) ?? actionType,
            text: `${bot.pick(text) ?? actionType}. Intent: reassure allies and deter further escalation.`,
            regions: bot.sample(regions, bot.int(0, 2)),
            assets: actionType === 'military' && assets.length ? bot.sample(assets, bot.int(1, Math.min(3, assets.length))) : [],
            ...(bot.chance(matrix ? 0.8 : 0.3) ? { argument: argumentFor(actionType, bot) } : {}),
            shareWithAllies: bot.chance(0.25),
          },
        });
      }
    }

  if (bot.phase === 'consult') {
    const adversary = state.scenario.adversary.id;
    const theirs = current.filter((a) => a.nation === adversary);
    const open = theirs.filter((a) => a.status === 'submitted');
    const back = open.length > 0 && bot.chance(0.25) ? bot.pick(open) : undefined;
    if (back) moves.push({ actor: 'control', command: { type: 'action.withdraw', action: back.id } });
    const counted = theirs.filter((a) => a.status !== 'withdrawn').length - (back ? 1 : 0);
    if (counted < MAX_ACTIONS_PER_TURN && bot.chance(0.3)) {
      const actionType = bot.pick(ADVERSARY_TYPES) ?? 'military';
      const assets = assetsOf(adversary, true);
      moves.push({
        actor: 'control',
        command: {
          type: 'action.submit',
          as: adversary,
          actionType,
          title: `Adversary ${actionType} pressure`,
          text: 'White cell move from the escalation playbook.',
          regions: bot.sample(regions, 1),
          assets: bot.sample(assets, 1),
        },
      });
    }
  }
  return moves;
}

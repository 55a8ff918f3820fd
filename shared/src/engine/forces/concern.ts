/**
 * Forces: a nation deploys its own assets between regions during the submission phase, within
 * what its agreements and treaties allow (access.ts). Each deployment logs its basis.
 */
import { z } from 'zod';
import { Id, longText } from '../../common.ts';
import { own, reject } from '../envelope.ts';
import { command, event, RUNNING, type CommandInfo, type Concern, type EvolversFor, type HandlersFor } from '../define.ts';
import { accessTo, AccessBasis } from './access.ts';
import { forcesBot } from './bot.ts';

export const AssetDeploy = command('asset.deploy', { asset: Id, region: Id, note: longText(500).default('') });
export const forceCommands = [AssetDeploy] as const;
export const forceInfo = {
  'asset.deploy': {
    roles: ['nation'],
    status: RUNNING,
    phases: { nation: ['submit'] },
    phaseWhat: 'Forces can be deployed',
    summary:
      "Move one of the nation's own assets to another region (once per turn): its own or uncontrolled regions, or an ally's where an agreement's basing clause, activated collective defence or an activated treaty basing clause opens them.",
    rejections: {
      not_your_asset: "The sender has no asset by that id: whether it exists, is hidden or is another nation's is not said.",
      unknown_region: 'The region does not exist.',
      same_region: 'The asset is already there.',
      not_ready: 'An asset that is not ready cannot deploy.',
      already_moved: 'The asset has already deployed this turn.',
      hostile_region: 'The adversary holds the region: that is an action for control to adjudicate.',
      no_access: "The region belongs to an ally that has not opened it to the sender's forces.",
    },
  },
} as const satisfies Record<z.infer<typeof AssetDeploy>['type'], CommandInfo>;

export const AssetDeployed = event('asset.deployed', {
  asset: Id,
  turn: z.number().int().min(0),
  from: Id,
  to: Id,
  basis: AccessBasis,
  note: z.string(),
});
export const forceEvents = [AssetDeployed] as const;

export interface DeploymentRecord {
  readonly seq: number;
  readonly at: number;
  readonly turn: number;
  readonly asset: string;
  readonly nation: string;
  readonly from: string;
  readonly to: string;
  readonly basis: AccessBasis;
  readonly note: string;
}
export interface ForcesSlice {
  deployments: DeploymentRecord[];
}

const handlers: HandlersFor<typeof forceCommands, typeof forceInfo> = {
  'asset.deploy': (state, cmd, { nation }) => {
    const a = own(state.assets, cmd.asset);
    if (a?.owner !== nation) return reject('not_your_asset', 'You have no asset by that id.', 'asset');
    const r = own(state.regions, cmd.region);
    const def = state.scenario.map.regions.find((x) => x.id === cmd.region);
    if (!r || !def) return reject('unknown_region', `There is no region "${cmd.region}".`, 'region');
    if (a.region === cmd.region) return reject('same_region', `The asset is already in ${def.name}.`, 'region');
    if (a.readiness === 'not_ready') return reject('not_ready', 'The asset is not ready to deploy.', 'asset');
    if (state.deployments.some((d) => d.asset === cmd.asset && d.turn === state.turn))
      return reject('already_moved', 'The asset has already deployed this turn.', 'asset');
    if (r.controller !== null && !Object.hasOwn(state.nations, r.controller))
      return reject(
        'hostile_region',
        `${def.name} is held by the adversary: submit a military action for control to adjudicate.`,
        'region',
      );
    const basis = accessTo(state, nation, cmd.region);
    if (!basis) {
      const host = state.scenario.nations.find((n) => n.id === r.controller)?.name ?? r.controller ?? '';
      return reject(
        'no_access',
        `${def.name} belongs to ${host}, which has not opened it to your forces: an agreement in force with a basing clause, or collective defence activated for ${host}, would.`,
        'region',
      );
    }
    return [{ type: 'asset.deployed', asset: cmd.asset, turn: state.turn, from: a.region, to: cmd.region, basis, note: cmd.note }];
  },
};

const evolvers: EvolversFor<typeof forceEvents> = {
  'asset.deployed': (s, e) => {
    const a = s.assets[e.asset]!;
    s.assets[e.asset] = { ...a, region: e.to };
    s.deployments.push({
      seq: e.seq,
      at: e.at,
      turn: e.turn,
      asset: e.asset,
      nation: a.owner,
      from: e.from,
      to: e.to,
      basis: e.basis,
      note: e.note,
    });
  },
};

export const forces: Concern<typeof forceCommands, typeof forceEvents, typeof forceInfo, ForcesSlice> = {
  name: 'forces',
  summary: 'Deploying forces, within what agreements and treaties allow.',
  commands: forceCommands,
  info: forceInfo,
  handlers,
  events: forceEvents,
  evolvers,
  initial: (): ForcesSlice => ({ deployments: [] }),
  collections: ['deployments'],
  bot: forcesBot,
};

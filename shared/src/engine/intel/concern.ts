/**
 * Intelligence: the report library. Control releases (with the inject that carries a report, or
 * at its turn), holds, resumes and writes reports; nations share what they hold within its
 * markings, run ORCON release requests past the originator, widen their own reports, release
 * tearlines and send assessments. Every share goes into the provenance ledger. See docs/intel.md.
 */
import type { Scenario } from '../../scenario/schema.ts';
import type { Concern } from '../define.ts';
import { intelCommands, intelInfo } from './commands.ts';
import { intelHandlers } from './decide.ts';
import { intelEvents } from './events.ts';
import { intelEvolvers } from './evolve.ts';
import type { IntelState, OrconRequest, ShareRecord } from './records.ts';
import { newIntelState, releaseDueReports, releaseWithInjects } from './release.ts';
import { intelBot } from './bot.ts';

export interface IntelSlice {
  intel: Record<string, IntelState>;
  /** Scenario reports first, then ad hoc reports and assessments in the order they were written. */
  intelOrder: string[];
  /** The provenance ledger. */
  intelShares: Record<string, ShareRecord>;
  intelShareOrder: string[];
  intelRequests: Record<string, OrconRequest>;
  intelRequestOrder: string[];
}

export const intel: Concern<typeof intelCommands, typeof intelEvents, typeof intelInfo, IntelSlice> = {
  name: 'intel',
  summary: 'Intelligence reports: release, sharing under their markings, ORCON requests, tearlines, assessments and the provenance ledger.',
  commands: intelCommands,
  info: intelInfo,
  handlers: intelHandlers,
  events: intelEvents,
  evolvers: intelEvolvers,
  initial: (scenario: Scenario): IntelSlice => ({
    intel: Object.fromEntries(scenario.intel.map((r) => [r.id, newIntelState(r, 'scenario', r.truth ?? null, [])])),
    intelOrder: scenario.intel.map((r) => r.id),
    intelShares: {},
    intelShareOrder: [],
    intelRequests: {},
    intelRequestOrder: [],
  }),
  collections: ['intel', 'intelOrder', 'intelShares', 'intelShareOrder', 'intelRequests', 'intelRequestOrder'],
  onPhaseEnter: releaseDueReports,
  react: releaseWithInjects,
  bot: intelBot,
  upcasters: [
    {
      name: 'v3→v4: intel.released says whom it reached (null: every nation its markings named) and why',
      from: 3,
      to: 4,
      type: 'intel.released',
      up: (event) => ({ to: null, reason: 'scheduled', inject: null, ...event }),
    },
  ],
};

import { actionsPanel } from '../ui/panels/actions.ts';
import { adjudicationPanel } from '../ui/panels/adjudication.ts';
import { briefPanel } from '../ui/panels/brief.ts';
import { channelsPanel } from '../ui/panels/channels.ts';
import { controlPanel } from '../ui/panels/control.ts';
import { injectsPanel } from '../ui/panels/injects.ts';
import { intelPanel } from '../ui/panels/intel.ts';
import { notesPanel } from '../ui/panels/notes.ts';
import { outcomesPanel } from '../ui/panels/outcomes.ts';
import { seatsPanel } from '../ui/panels/seats.ts';
import type { Panel } from '../ui/panel.ts';

/** Exercise control's console. */
export const facilitatorPanels = (): Panel[] => [
  controlPanel(),
  injectsPanel(),
  adjudicationPanel(),
  channelsPanel(),
  intelPanel(),
  outcomesPanel(),
  seatsPanel(),
  briefPanel(),
];

/** Evaluators: everything, read-only, plus their notes. */
export const evaluatorPanels = (): Panel[] => [
  notesPanel(),
  { ...controlPanel(), title: 'Status' },
  injectsPanel(),
  actionsPanel(),
  channelsPanel(),
  intelPanel(),
  outcomesPanel(),
  briefPanel(),
];

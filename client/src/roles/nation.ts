import { actionsPanel } from '../ui/panels/actions.ts';
import { briefPanel } from '../ui/panels/brief.ts';
import { channelsPanel } from '../ui/panels/channels.ts';
import { inboxPanel } from '../ui/panels/inbox.ts';
import { intelPanel } from '../ui/panels/intel.ts';
import { outcomesPanel } from '../ui/panels/outcomes.ts';
import type { Panel } from '../ui/panel.ts';

/** A nation team's screen; also what control sees when it views the exercise as that nation. */
export const panels = (): Panel[] => [inboxPanel(), intelPanel(), channelsPanel(), actionsPanel(), outcomesPanel(), briefPanel()];

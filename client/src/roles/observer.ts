import { feedPanel } from '../ui/panels/feed.ts';
import { briefPanel } from '../ui/panels/brief.ts';
import type { Panel } from '../ui/panel.ts';

/** The public picture, for a projector. */
export const panels = (): Panel[] => [feedPanel(), briefPanel()];

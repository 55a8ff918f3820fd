import { z } from 'zod';
import { command, LIVE, RUNNING, type CommandInfo } from '../define.ts';

export const ClockTick = command('clock.tick', {});
export const ClockAuto = command('clock.auto', { on: z.boolean().describe('Whether phases end by themselves at their deadline') });

export const clockCommands = [ClockTick, ClockAuto] as const;
export type ClockCommand = z.infer<(typeof clockCommands)[number]>;

export const clockInfo = {
  'clock.tick': {
    roles: ['system'],
    status: RUNNING,
    summary:
      'Sent by the exercise clock, never by a client: whatever is due now (a phase deadline with auto-advance on, and later deadlines of other concerns) happens, one item per tick, in order.',
    rejections: { nothing_due: 'Nothing is due at this time.' },
  },
  'clock.auto': {
    roles: ['facilitator'],
    status: LIVE,
    summary: 'Turn auto-advance on or off for this exercise: with it on, each phase ends by itself at its deadline.',
    rejections: { no_change: 'Auto-advance is already in that state.' },
  },
} as const satisfies Record<ClockCommand['type'], CommandInfo>;

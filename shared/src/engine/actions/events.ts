import { z } from 'zod';
import { ActionType, Id, NationId } from '../../common.ts';
import { event } from '../define.ts';
import { MatrixArgument } from './commands.ts';

export const ActionSubmitted = event('action.submitted', {
  id: Id,
  turn: z.number().int().min(1),
  nation: NationId,
  actionType: ActionType,
  title: z.string(),
  text: z.string(),
  regions: z.array(Id),
  assets: z.array(Id),
  argument: MatrixArgument.nullable(),
  shared: z.boolean(),
});
export const ActionWithdrawn = event('action.withdrawn', { action: Id });

export const actionEvents = [ActionSubmitted, ActionWithdrawn] as const;
export type ActionEvent = z.infer<(typeof actionEvents)[number]>;

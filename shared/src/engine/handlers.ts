/** Typed tables of per-command decide functions and per-event evolve functions. */
import type { Rejection } from './envelope.ts';
import type { Body, Ctx } from './define.ts';
import type { Command } from './commands.ts';
import type { EngineEvent } from './events.ts';
import type { ExerciseState } from './state.ts';

export type EventBody = Body<EngineEvent>;

export type Handlers<K extends Command['type']> = {
  [T in K]: (state: ExerciseState, cmd: Extract<Command, { type: T }>, ctx: Ctx) => EventBody[] | Rejection;
};

export type Evolvers<K extends EngineEvent['type']> = {
  [T in K]: (state: ExerciseState, event: Extract<EngineEvent, { type: T }>) => void;
};

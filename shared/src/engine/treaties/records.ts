import type { z } from 'zod';
import type { ClauseType, DecisionRule } from '../../scenario/schema.ts';
import type { Ballot } from '../ballot.ts';
import type { Citation } from '../citations.ts';
import type { Author, Stamp } from '../negotiation/records.ts';
import type { GameDeadline } from '../turns/gametime.ts';

/** A treaty clause invoked: the consultation it opens, every member's position, and how it was settled. */
export interface ConsultationRecord extends Stamp {
  readonly id: string;
  readonly treaty: string;
  readonly clause: string;
  readonly clauseType: z.infer<typeof ClauseType>;
  readonly rule: z.infer<typeof DecisionRule>;
  readonly members: readonly string[];
  readonly invoker: Author;
  /** The member threatened or attacked. */
  readonly onBehalfOf: string;
  readonly grounds: string;
  readonly cites: readonly Citation[];
  readonly ballot: Ballot & { readonly deadline: GameDeadline };
  readonly status: 'open' | 'activated' | 'declined';
  readonly settled: (Stamp & { readonly reason: string; readonly atDeadline: boolean }) | null;
  readonly extensions: readonly (Stamp & { readonly deadline: GameDeadline })[];
}

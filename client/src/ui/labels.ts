/** Human labels for enumerations, taken from the shared schemas so that nothing is listed twice. */
import { ActionType, Channel, Readiness } from '@concord/shared/common';

const words = (s: string) => s.replace(/_/g, ' ').replace(/^\w/, (c) => c.toUpperCase());

export const ACTION_TYPES = ActionType.options.map((id) => ({ id, label: words(id) }));
export const CHANNELS = Channel.options.map((id) => ({ id, label: words(id) }));
export const READINESS = Readiness.options.map((id) => ({ id, label: words(id) }));

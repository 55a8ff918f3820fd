/** Human labels for enumerations, taken from the shared schemas so that nothing is listed twice. */
import { ACTION_TYPES as ACTIONS, CHANNELS as CHANNEL_IDS, READINESS as READINESS_IDS } from '@concord/shared/vocab';

const words = (s: string) => s.replace(/_/g, ' ').replace(/^\w/, (c) => c.toUpperCase());

export const ACTION_TYPES = ACTIONS.map((id) => ({ id, label: words(id) }));
export const CHANNELS = CHANNEL_IDS.map((id) => ({ id, label: words(id) }));
export const READINESS = READINESS_IDS.map((id) => ({ id, label: words(id) }));

/**
 * The fixed vocabularies of the exercise, as plain lists with no dependencies, so that the
 * browser can label them without loading the schema library. `common.ts` builds the zod enums
 * from these same lists.
 */
export const ACTION_TYPES = [
  'diplomatic',
  'military',
  'economic',
  'information',
  'cyber',
  'intelligence',
  'humanitarian',
  'legal',
] as const;
export const CHANNELS = ['news', 'social', 'email', 'cable', 'phone', 'intel', 'briefing', 'map'] as const;
export const READINESS = ['ready', 'limited', 'not_ready'] as const;
export const ASSET_TYPES = [
  'hq',
  'armour',
  'infantry',
  'artillery',
  'air_defence',
  'fighter',
  'transport_aircraft',
  'drone',
  'maritime_patrol',
  'frigate',
  'submarine',
  'patrol_vessel',
  'missile',
  'radar',
  'cyber_unit',
  'special_forces',
  'logistics',
  'info_ops',
] as const;

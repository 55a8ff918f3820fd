/** Primitive schemas shared by the scenario format, the protocol and the engine. */
import { z } from 'zod';
import { ACTION_TYPES, ASSET_TYPES, CHANNELS, READINESS } from './vocab.ts';

export const Id = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]*$/, 'must be letters, digits, "-", "_" or "." and start with a letter or digit');

export const NationId = z.string().regex(/^[A-Z]{3}$/, 'must be a three-letter upper-case trigraph such as "CAL"');

export const Hex = z.string().regex(/^#[0-9a-fA-F]{6}$/, 'must be a colour like "#1f77b4"');

export const shortText = (max: number) => z.string().trim().min(1).max(max);
export const longText = (max: number) => z.string().max(max);

export const PHASES = ['brief', 'consult', 'submit', 'adjudicate', 'outcome'] as const;
export const PhaseId = z.enum(PHASES);
export type PhaseId = z.infer<typeof PhaseId>;

export const CLASSIFICATIONS = ['UNCLASSIFIED', 'RESTRICTED', 'CONFIDENTIAL', 'SECRET', 'TOP SECRET'] as const;
export const Classification = z.enum(CLASSIFICATIONS);
export type Classification = z.infer<typeof Classification>;

export const Domain = z.enum(['land', 'sea', 'air', 'cyber', 'information']);
export type Domain = z.infer<typeof Domain>;

export const Channel = z.enum(CHANNELS);
export type Channel = z.infer<typeof Channel>;

export const ActionType = z.enum(ACTION_TYPES);
export type ActionType = z.infer<typeof ActionType>;

export const AssetType = z.enum(ASSET_TYPES);
export type AssetType = z.infer<typeof AssetType>;

export const Readiness = z.enum(READINESS);
export type Readiness = z.infer<typeof Readiness>;

export const Infrastructure = z.enum([
  'capital',
  'port',
  'naval_base',
  'airbase',
  'power_grid',
  'pipeline',
  'lng_terminal',
  'undersea_cable',
  'data_centre',
  'radar_site',
  'rail_hub',
  'border_crossing',
  'nuclear_plant',
  'broadcast',
]);
export type Infrastructure = z.infer<typeof Infrastructure>;

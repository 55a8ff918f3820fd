export * from './replay.ts';
export * from './log.ts';

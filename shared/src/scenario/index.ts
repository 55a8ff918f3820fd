export * from './schema.ts';
export * from './validate.ts';
export * from './load.ts';
export * from './text.ts';

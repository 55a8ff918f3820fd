export * from './project.ts';
export * from './access.ts';
export * from './feed.ts';

export * from './project.ts';
export * from './access.ts';

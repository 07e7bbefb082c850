export * from './domain/target-kinds.ts';
export * from './schemas/common.ts';
export * from './schemas/plan.ts';
export * from './schemas/progress.ts';
export * from './schemas/indicator.ts';

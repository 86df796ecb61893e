export * from './case-lifecycle-doc.ts';
export * from './case-workflow.ts';
export * from './categories.ts';
export * from './errors.ts';
export * from './permissions.ts';
export * from './personal.ts';
export * from './roles.ts';
export * from './wire.ts';

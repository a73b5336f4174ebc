export * from './text';
export * from './dates';
export * from './org-levels';
export * from './personal-data';

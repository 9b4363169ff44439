/** Everything a kata's spec needs: one import. */
export * from './assert.ts';
export * from './failure.ts';
export * from './fixtures.ts';
export * from './format.ts';
export * from './gradcheck.ts';
export * from './large.ts';
export * from './properties.ts';
export * from './sequence.ts';
export * from './target.ts';
export { describe, test } from './registry.ts';
export { showStatus, specJob } from './job.ts';
export { CATEGORIES, type Category } from '../core/categories.ts';
export { say } from '../i18n/language.ts';

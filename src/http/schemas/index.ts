/**
 * The API's source of truth: every query, path parameter and response body as a zod schema.
 * Enums derive from the core registries. `web/` imports the inferred types from here.
 */
export * from './action.js';
export * from './assessment.js';
export * from './case.js';
export * from './channel.js';
export * from './common.js';
export * from './health.js';
export * from './item.js';
export * from './report.js';
export * from './types.js';

export type * from './ports.js';
export { DEFAULT_BUS_SETTINGS } from './settings.js';

/** Re-exported so commands and routes need not reach into config/. */
export { type ConfigInput, PACKAGE_ROOT } from '../config/index.js';
export type { AppContext, ContextParts } from './context.js';
export { createContext } from './create-context.js';
export { createEmbeddedContext, sqlitePath } from './presets/embedded.js';
export { VERSION } from './version.js';

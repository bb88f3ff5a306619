/** Deliberate evasions of existing text, for measuring recall under obfuscation and testing. */
export { applicableObfuscations, OBFUSCATIONS, type Obfuscation, obfuscate } from './obfuscate.js';

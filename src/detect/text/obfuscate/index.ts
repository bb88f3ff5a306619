/** Deliberate evasions of existing text, for measuring recall under obfuscation and testing. */
export {
  applicableObfuscations,
  LAYERED,
  OBFUSCATIONS,
  type Obfuscation,
  obfuscate,
  obfuscatedCopies,
  obfuscateLayered,
  type Strength,
} from './obfuscate.js';

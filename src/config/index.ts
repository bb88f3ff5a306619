export * from './config.js';
export * from './env.js';
export * from './secrets.js';
export * from './settings-snapshot.js';
export type { TelegramConfig } from './telegram-config.js';

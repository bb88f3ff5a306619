export { readTelegramExport, type TelegramExportOptions } from './read-export.js';

import type {
  AddBankEntriesResult,
  AuditStore,
  BankStore,
  BankSummary,
  NewBank,
  NewBankEntry,
} from '../storage/ports.js';
import { appendAudit } from './audit-log.js';

/**
 * A BankStore that appends every change to the audit log, for callers that know who is acting
 * (the CLI; HTTP audits its bank writes in `http/write-audit.ts`). The store itself knows no
 * callers, so the audit is appended here, right after the change commits: a crash between the
 * two loses the entry, which `rasd audit verify` cannot see, but no entry ever claims a change
 * that did not happen. Reads pass straight through.
 */
export function auditedBankStore(store: BankStore & AuditStore, actor: string, reason: string): BankStore {
  const audit = (action: string, target: string, details: Record<string, string | number | boolean>) =>
    appendAudit(store, { actor, action, target, reason, details });
  return {
    getBank: (name) => store.getBank(name),
    listBanks: () => store.listBanks(),
    listBankEntries: (name, query) => store.listBankEntries(name, query),
    allBankEntries: (signalType, options) => store.allBankEntries(signalType, options),
    bankVersion: (name) => store.bankVersion(name),
    async createBank(bank: NewBank): Promise<BankSummary> {
      const created = await store.createBank(bank);
      await audit('bank.create', created.name, { enabled: created.enabled, version: created.version });
      return created;
    },
    async setBankEnabled(name: string, enabled: boolean): Promise<BankSummary> {
      const before = await store.getBank(name);
      const after = await store.setBankEnabled(name, enabled);
      if (before?.enabled !== after.enabled) {
        await audit(enabled ? 'bank.enable' : 'bank.disable', name, { version: after.version });
      }
      return after;
    },
    async addBankEntries(name: string, entries: readonly NewBankEntry[]): Promise<AddBankEntriesResult> {
      const result = await store.addBankEntries(name, entries);
      if (result.added > 0) {
        await audit('bank.add-entries', name, { added: result.added, duplicates: result.duplicates });
      }
      return result;
    },
  };
}

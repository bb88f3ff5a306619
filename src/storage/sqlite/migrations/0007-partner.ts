import type { Migration } from './index.js';

/*
 * The platforms a partner represents, on its users and API keys: a comma-separated list of
 * platform names (`telegram`, `telegram,whatsapp`), which scopes the referral batches it may
 * read. Only partners carry one. Before this, a partner user's name stood for its platform, so
 * existing partner users keep exactly the scope they had; a partner key had no usable scope
 * (its id stood for the platform) and keeps none until it is replaced by one made with
 * `--partner`.
 */
const sql = /* sql */ `
ALTER TABLE app_user ADD COLUMN partner TEXT CHECK (partner IS NULL OR (role = 'partner' AND partner <> ''));
ALTER TABLE api_key ADD COLUMN partner TEXT CHECK (partner IS NULL OR (role = 'partner' AND partner <> ''));
UPDATE app_user SET partner = name WHERE role = 'partner';
`;

/* PostgreSQL: a CHECK naming two columns is a table constraint there. */
const postgres = /* sql */ `
ALTER TABLE app_user ADD COLUMN partner TEXT,
  ADD CONSTRAINT app_user_partner_check CHECK (partner IS NULL OR (role = 'partner' AND partner <> ''));
ALTER TABLE api_key ADD COLUMN partner TEXT,
  ADD CONSTRAINT api_key_partner_check CHECK (partner IS NULL OR (role = 'partner' AND partner <> ''));
UPDATE app_user SET partner = name WHERE role = 'partner';
`;

export const partner: Migration = { version: 7, name: 'partner', sql, postgres };

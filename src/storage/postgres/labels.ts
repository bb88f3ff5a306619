/**
 * SQL for an assessment's categories and orgs as arrays in their original order (pg reads a
 * `text[]` as a string array). `key` and `ms` are the SQL of the item key and its posted time;
 * naming the time lets PostgreSQL look in the one month partition that holds the rows.
 */
export const categoriesOf = (key: string, ms: string): string =>
  `ARRAY(SELECT c.category FROM assessment_category c WHERE c.item_key = ${key} AND c.posted_ms = ${ms} ORDER BY c.position)`;

export const orgsOf = (key: string, ms: string): string =>
  `ARRAY(SELECT o.org FROM assessment_org o WHERE o.item_key = ${key} AND o.posted_ms = ${ms} ORDER BY o.position)`;

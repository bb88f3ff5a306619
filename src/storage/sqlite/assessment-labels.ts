/**
 * SQL for an assessment's categories and orgs as JSON arrays in their original order, for
 * queries that summarise many items at once. `key` is the SQL expression of the item key.
 */
export const categoriesOf = (key: string): string =>
  `(SELECT json_group_array(category ORDER BY position) FROM assessment_category WHERE item_key = ${key})`;

export const orgsOf = (key: string): string =>
  `(SELECT json_group_array(org ORDER BY position) FROM assessment_org WHERE item_key = ${key})`;

/*
 * A channel seen again widens its seen range; its names and type follow the newest sighting
 * that has them, so importing an older export after a newer one cannot roll a rename back.
 * One rule for both dialects: only the names of the two-argument minimum and maximum differ.
 */
export function widenChannelSql(dialect: 'sqlite' | 'postgres'): string {
  const [least, greatest] = dialect === 'sqlite' ? ['min', 'max'] : ['least', 'greatest'];
  return `
  ON CONFLICT (platform, id) DO UPDATE SET
    username = CASE WHEN excluded.username IS NOT NULL
      AND (channel.username IS NULL OR excluded.last_seen_ms >= channel.last_seen_ms)
      THEN excluded.username ELSE channel.username END,
    title = CASE WHEN excluded.title IS NOT NULL
      AND (channel.title IS NULL OR excluded.last_seen_ms >= channel.last_seen_ms)
      THEN excluded.title ELSE channel.title END,
    type = CASE WHEN excluded.type <> 'unknown'
      AND (channel.type = 'unknown' OR excluded.last_seen_ms >= channel.last_seen_ms)
      THEN excluded.type ELSE channel.type END,
    first_seen_at = CASE WHEN excluded.first_seen_ms < channel.first_seen_ms
      THEN excluded.first_seen_at ELSE channel.first_seen_at END,
    first_seen_ms = ${least}(excluded.first_seen_ms, channel.first_seen_ms),
    last_seen_at = CASE WHEN excluded.last_seen_ms > channel.last_seen_ms
      THEN excluded.last_seen_at ELSE channel.last_seen_at END,
    last_seen_ms = ${greatest}(excluded.last_seen_ms, channel.last_seen_ms)`;
}

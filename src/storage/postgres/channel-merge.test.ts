import { describe, expect, it } from 'vitest';
import { makeChannel } from '../contract/fixtures.js';
import { type ChannelRow, channelToRow } from '../sqlite/channel-codec.js';
import { covers } from './channel-merge.js';

/** `covers` decides which sightings the PostgreSQL writer may skip without a lock. */
const row = (fixture: Parameters<typeof makeChannel>[0]): ChannelRow => channelToRow(makeChannel(fixture));

const stored = row({
  username: 'example_channel',
  title: 'Example',
  type: 'channel',
  firstSeenAt: '2024-03-01T00:00:00.000Z',
  lastSeenAt: '2024-03-09T00:00:00.000Z',
});

describe('covers', () => {
  it('is true for a sighting inside the seen range with the same or no names', () => {
    const inside = { firstSeenAt: '2024-03-05T00:00:00.000Z', lastSeenAt: '2024-03-05T00:00:00.000Z' };
    expect(covers(stored, row({ ...inside, username: 'example_channel', title: 'Example' }))).toBe(true);
    // An older sighting with another title does not roll the newer title back.
    expect(covers(stored, row({ ...inside, username: 'example_channel', title: 'Old title' }))).toBe(true);
    expect(covers(stored, row({ ...inside, title: undefined, type: 'unknown' }))).toBe(true);
  });

  it('is false when the sighting widens the range or brings newer names', () => {
    const earlier = { firstSeenAt: '2024-02-01T00:00:00.000Z', lastSeenAt: '2024-03-05T00:00:00.000Z' };
    expect(covers(stored, row({ ...earlier, username: 'example_channel', title: 'Example' }))).toBe(false);
    expect(
      covers(
        stored,
        row({
          title: 'Example',
          username: 'example_channel',
          lastSeenAt: '2024-03-10T00:00:00.000Z',
          firstSeenAt: '2024-03-10T00:00:00.000Z',
        }),
      ),
    ).toBe(false);
    // A tie on last seen lets the sighting's names win, as the SQL does: it must be written.
    const tie = { firstSeenAt: '2024-03-09T00:00:00.000Z', lastSeenAt: '2024-03-09T00:00:00.000Z' };
    expect(covers(stored, row({ ...tie, username: 'example_channel', title: 'Renamed' }))).toBe(false);
  });

  it('is false when the stored row lacks a name or type the sighting has', () => {
    const bare: ChannelRow = { ...stored, username: null, title: null, type: 'unknown' };
    const inside = { firstSeenAt: '2024-03-05T00:00:00.000Z', lastSeenAt: '2024-03-05T00:00:00.000Z' };
    expect(covers(bare, row({ ...inside, title: undefined, type: 'unknown' }))).toBe(true);
    expect(covers(bare, row({ ...inside, title: undefined, type: 'unknown', username: 'late_handle' }))).toBe(false);
    expect(covers(bare, row({ ...inside, title: 'Late title', type: 'unknown' }))).toBe(false);
    expect(covers(bare, row({ ...inside, title: undefined, type: 'group' }))).toBe(false);
  });
});

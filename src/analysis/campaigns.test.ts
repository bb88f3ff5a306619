import { describe, expect, it } from 'vitest';
import { isAppError } from '../core/index.js';
import { CampaignTracker } from './campaigns.js';
import type { Observation } from './network-types.js';

const settings = { campaignMinChats: 5, campaignWindowMinutes: 60 };
const T0 = Date.parse('2025-05-01T12:00:00Z');
const MINUTE = 60_000;

let messageSeq = 0;
function post(chatId: string, minutes: number, fingerprints: string[]): Observation {
  return {
    chatId,
    chatKind: 'channel',
    messageId: String(++messageSeq),
    at: new Date(T0 + minutes * MINUTE).toISOString(),
    links: [],
    mentions: [],
    fingerprints,
    bareTextLength: 0,
    announcesBackup: false,
  };
}

function errorCode(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    return isAppError(error) ? error.code : 'NOT_APP_ERROR';
  }
  return 'NO_ERROR';
}

describe('CampaignTracker', () => {
  it('turns one fingerprint posted by enough chats within the window into a campaign', () => {
    const tracker = new CampaignTracker(settings);
    const times = [0, 1, 1, 4, 9, 20];
    for (const [i, m] of times.entries()) tracker.observe(post(`c${i}`, m, ['media:aa']));
    tracker.observe(post('other', 2, ['media:bb']));
    const campaigns = tracker.campaigns();
    expect(campaigns).toHaveLength(1);
    const [campaign] = campaigns;
    expect(campaign).toEqual({
      fingerprint: 'media:aa',
      members: ['chat:c0', 'chat:c1', 'chat:c2', 'chat:c3', 'chat:c4', 'chat:c5'],
      firstPoster: 'chat:c0',
      start: '2025-05-01T12:00:00.000Z',
      end: '2025-05-01T12:20:00.000Z',
      spread: [
        { minute: 0, chats: 1 },
        { minute: 1, chats: 3 },
        { minute: 4, chats: 4 },
        { minute: 9, chats: 5 },
        { minute: 20, chats: 6 },
      ],
    });
  });

  it('ignores slow benign sharing and bursts one chat short', () => {
    const tracker = new CampaignTracker(settings);
    for (let i = 0; i < 5; i++) tracker.observe(post(`slow${i}`, i * 24 * 60, ['text:k1']));
    for (let i = 0; i < 4; i++) tracker.observe(post(`few${i}`, i, ['text:k2']));
    // Five chats, but the first and last are 61 minutes apart and no 60-minute window holds five.
    for (const [i, m] of [0, 20, 30, 40, 61].entries()) tracker.observe(post(`edge${i}`, m, ['text:k3']));
    expect(tracker.campaigns()).toEqual([]);
  });

  it('counts repeats by one chat once', () => {
    const tracker = new CampaignTracker(settings);
    for (let i = 0; i < 20; i++) tracker.observe(post(i % 2 === 0 ? 'a' : 'b', i, ['media:rep']));
    expect(tracker.campaigns()).toEqual([]);
  });

  it('places posts that arrive a few minutes late by their own time', () => {
    const tracker = new CampaignTracker(settings);
    const order = [3, 1, 4, 0, 2, 6, 5];
    for (const i of order) tracker.observe(post(`c${i}`, i * 2, ['media:late']));
    const [campaign] = tracker.campaigns();
    expect(campaign?.firstPoster).toBe('chat:c0');
    expect(campaign?.members).toEqual([0, 1, 2, 3, 4, 5, 6].map((i) => `chat:c${i}`));
    expect(campaign?.spread.at(-1)).toEqual({ minute: 12, chats: 7 });
  });

  it('grows while new chats join within the window of the last join, then closes', () => {
    const tracker = new CampaignTracker(settings);
    for (let i = 0; i < 5; i++) tracker.observe(post(`c${i}`, i, ['media:grow']));
    tracker.observe(post('late1', 50, ['media:grow']));
    tracker.observe(post('late2', 105, ['media:grow']));
    // Reposts by members do not keep it open: 'c0' at 150 is 45 minutes after the last join,
    // 'gone' at 170 is 65 minutes after it.
    tracker.observe(post('c0', 150, ['media:grow']));
    tracker.observe(post('gone', 170, ['media:grow']));
    const [campaign] = tracker.campaigns();
    expect(campaign?.members).toEqual([
      'chat:c0',
      'chat:c1',
      'chat:c2',
      'chat:c3',
      'chat:c4',
      'chat:late1',
      'chat:late2',
    ]);
    expect(campaign?.end).toBe(new Date(T0 + 105 * MINUTE).toISOString());
  });

  it('lets the same fingerprint form a second campaign later, listed newest first', () => {
    const tracker = new CampaignTracker(settings);
    for (let i = 0; i < 5; i++) tracker.observe(post(`first${i}`, i, ['media:again']));
    for (let i = 0; i < 5; i++) tracker.observe(post(`second${i}`, 3 * 24 * 60 + i, ['media:again']));
    const campaigns = tracker.campaigns();
    expect(campaigns.map((c) => c.firstPoster)).toEqual(['chat:second0', 'chat:first0']);
  });

  it('keeps memory bounded over a long stream of unique fingerprints', () => {
    const tracker = new CampaignTracker(settings);
    let peak = 0;
    for (let i = 0; i < 50_000; i++) {
      tracker.observe(post(`c${i % 300}`, i / 10, [`media:u${i}`, `text:u${i}`]));
      peak = Math.max(peak, tracker.size());
    }
    // Ten posts a minute, two fingerprints each: the window plus the reorder tolerance holds
    // 70 minutes of them (1,400), plus at most one sweep interval of newcomers.
    expect(peak).toBeLessThan(1_400 + 2 * 1_024 + 10);
    expect(tracker.size()).toBeGreaterThan(0);
    expect(tracker.campaigns()).toEqual([]);
  });

  it('caps live fingerprints and kept campaigns under a flood', () => {
    const tracker = new CampaignTracker(settings, { maxFingerprints: 500, maxCampaigns: 3 });
    for (let i = 0; i < 5_000; i++) tracker.observe(post(`c${i}`, 0, [`media:f${i}`]));
    expect(tracker.size()).toBeLessThanOrEqual(500 + 1_024);
    for (let k = 0; k < 6; k++) {
      for (let i = 0; i < 5; i++) tracker.observe(post(`k${k}-${i}`, 1, [`media:campaign${k}`]));
    }
    expect(
      tracker
        .campaigns()
        .map((c) => c.fingerprint)
        .sort(),
    ).toEqual(['media:campaign3', 'media:campaign4', 'media:campaign5']);
  });

  it('records at most maxMembers members of one campaign, the earliest ones', () => {
    const tracker = new CampaignTracker(settings, { maxMembers: 6 });
    for (let i = 0; i < 20; i++) tracker.observe(post(`m${i}`, i, ['media:wide']));
    const [campaign] = tracker.campaigns();
    expect(campaign?.members).toEqual([0, 1, 2, 3, 4, 5].map((i) => `chat:m${i}`));
  });

  it('rejects settings that would make every post a campaign, and posts without a time', () => {
    expect(errorCode(() => new CampaignTracker({ campaignMinChats: 1, campaignWindowMinutes: 60 }))).toBe(
      'INPUT_INVALID',
    );
    expect(errorCode(() => new CampaignTracker({ campaignMinChats: 3, campaignWindowMinutes: 0 }))).toBe(
      'INPUT_INVALID',
    );
    const tracker = new CampaignTracker(settings);
    expect(errorCode(() => tracker.observe({ ...post('a', 0, ['media:x']), at: 'later' }))).toBe('INPUT_INVALID');
  });
});

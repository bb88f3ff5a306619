import { describe, expect, it } from 'vitest';
import { AppError } from '../core/index.js';
import { DEFAULT_NETWORK_SETTINGS, networkSettings } from './network-settings.js';

describe('networkSettings', () => {
  it('returns the defaults with overrides applied', () => {
    expect(networkSettings()).toEqual(DEFAULT_NETWORK_SETTINGS);
    expect(networkSettings({ campaignMinChats: 8 }).campaignMinChats).toBe(8);
    expect(networkSettings({ campaignMinChats: 8 }).beaconMinShare).toBe(DEFAULT_NETWORK_SETTINGS.beaconMinShare);
  });

  it.each([
    { campaignMinChats: 2.5 },
    { campaignMinChats: 1 },
    { beaconMinShare: 1.2 },
    { lineageMinScore: -0.1 },
    { lineageWindowDays: Number.NaN },
    { campaignWindowMinutes: 0 },
  ])('rejects %o naming the setting', (bad) => {
    const key = Object.keys(bad)[0];
    try {
      networkSettings(bad);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).code).toBe('INPUT_INVALID');
      expect((error as AppError).pointer).toBe(key);
    }
  });
});

import { describe, expect, it } from 'vitest';
import { BANK_SIGNAL_TYPES } from '../../core/index.js';
import {
  type NameSpace,
  nameOfSignalType,
  SIGNAL_TYPE_NAMES,
  signalTypeFromName,
  signalTypeOfTeFileName,
} from './signal-type-names.js';

const SPACES: NameSpace[] = ['pytx', 'te', 'tat'];

describe('signal type names per exchange', () => {
  it('has one row per Rasd signal type, and no exchange name twice in a name space', () => {
    expect(SIGNAL_TYPE_NAMES.map((r) => r.type).sort()).toEqual([...BANK_SIGNAL_TYPES].sort());
    for (const space of SPACES) {
      const names = SIGNAL_TYPE_NAMES.flatMap((r) => [...r[space]]);
      expect(new Set(names).size, space).toBe(names.length);
    }
  });

  it('maps the ThreatExchange indicator types, pytx names and TAT algorithms both ways', () => {
    expect(signalTypeFromName('te', 'HASH_PDQ')).toBe('pdq');
    expect(signalTypeFromName('te', 'HASH_MD5')).toBe('md5');
    expect(signalTypeFromName('te', 'HASH_VIDEO_MD5')).toBe('md5');
    expect(signalTypeFromName('te', 'HASH_VIDEO_SHA256')).toBe('sha256');
    expect(signalTypeFromName('te', 'HASH_TMK')).toBe('tmk');
    expect(signalTypeFromName('te', 'RAW_URI')).toBe('url');
    expect(signalTypeFromName('te', 'HASH_SHA1')).toBeUndefined();
    expect(signalTypeFromName('pytx', 'video_md5')).toBe('md5');
    expect(signalTypeFromName('pytx', 'vpdq')).toBe('vpdq');
    expect(signalTypeFromName('pytx', 'raw_text')).toBeUndefined();
    expect(signalTypeFromName('tat', 'PDQ')).toBe('pdq');
    expect(signalTypeFromName('tat', 'md5')).toBe('md5');
    expect(signalTypeFromName('tat', 'SHA1')).toBeUndefined();

    expect(nameOfSignalType('te', 'pdq')).toBe('HASH_PDQ');
    expect(nameOfSignalType('te', 'md5')).toBe('HASH_MD5');
    expect(nameOfSignalType('pytx', 'md5')).toBe('video_md5');
    expect(nameOfSignalType('pytx', 'sha256')).toBe('video_sha256');
    expect(nameOfSignalType('tat', 'md5')).toBe('MD5');
    expect(nameOfSignalType('te', 'vpdq')).toBeUndefined();
    expect(nameOfSignalType('pytx', 'text-minhash')).toBeUndefined();
  });

  it('reads back every name it writes, and Rasd names in every name space', () => {
    for (const space of SPACES) {
      for (const type of BANK_SIGNAL_TYPES) {
        const name = nameOfSignalType(space, type);
        if (name !== undefined) expect(signalTypeFromName(space, name)).toBe(type);
        expect(signalTypeFromName(space, type)).toBe(type);
      }
    }
  });

  it('knows the signal type of an HMA 1.0 data file from its name', () => {
    expect(signalTypeOfTeFileName('258601789084078.hash_pdq.te')).toBe('pdq');
    expect(signalTypeOfTeFileName('1234.hash_video_md5.te')).toBe('md5');
    expect(signalTypeOfTeFileName('1234.hash_sha1.te')).toBeUndefined();
    expect(signalTypeOfTeFileName('hashes.csv')).toBeUndefined();
  });
});

import { describe, expect, it } from 'vitest';
import { serializeFingerprint } from '../../detect/media/audio/index.js';
import { EN } from '../fixtures/texts.js';
import { defaultTextBankNormalize, signForBank } from '../index.js';
import { fakeMd5, fakePdq, fakeSha256, fakeTmk } from './fixtures/fake-hashes.js';
import { checkSignalValue } from './signal-value.js';

describe('checkSignalValue', () => {
  it('lower-cases and trims hashes of the right length', () => {
    expect(checkSignalValue('pdq', `  ${fakePdq(1).toUpperCase()}\n`)).toEqual({ value: fakePdq(1) });
    expect(checkSignalValue('md5', fakeMd5(1).toUpperCase())).toEqual({ value: fakeMd5(1) });
    expect(checkSignalValue('sha256', fakeSha256(1))).toEqual({ value: fakeSha256(1) });
  });

  it('says what a valid hash looks like and what it got', () => {
    expect(checkSignalValue('pdq', fakePdq(1).slice(1))).toEqual({
      error: 'a PDQ hash is 256 bits: 64 hexadecimal characters; got 63 characters',
    });
    expect(checkSignalValue('md5', fakePdq(1))).toEqual({
      error: 'an MD5 is 128 bits: 32 hexadecimal characters; got 64 characters',
    });
    expect(checkSignalValue('sha256', `zz${fakeSha256(1).slice(2)}`)).toMatchObject({
      error: expect.stringMatching(/^a SHA-256 is 256 bits.*got "zz.{14}…", which is not hexadecimal/),
    });
    expect(checkSignalValue('md5', '')).toEqual({ error: 'the md5 value is empty' });
    expect(checkSignalValue('md5', undefined)).toEqual({ error: 'the md5 value is missing' });
  });

  it('checks urls and text signatures, and never quotes them back', () => {
    expect(checkSignalValue('url', ' https://example.org/a?b=1 ')).toEqual({ value: 'https://example.org/a?b=1' });
    const badUrl = checkSignalValue('url', 'not a url');
    expect(badUrl).toEqual({ error: expect.stringMatching(/absolute URL/) });
    expect(JSON.stringify(badUrl)).not.toContain('not a url');
    const signed = signForBank(EN.weatherA, defaultTextBankNormalize);
    if (!('value' in signed)) throw new Error('the fixture text should sign');
    const signature = signed.value;
    expect(checkSignalValue('text-minhash', signature)).toEqual({ value: signature });
    expect(checkSignalValue('text-minhash', 'mh1:w3:3:AAAA')).toEqual({ error: expect.stringMatching(/signature/) });
  });

  it('keeps opaque vpdq values as given, up to the store limit', () => {
    expect(checkSignalValue('vpdq', '{"0": {"quality": 100}}')).toEqual({ value: '{"0": {"quality": 100}}' });
    expect(checkSignalValue('tmk', 'x'.repeat((1 << 20) + 1))).toEqual({ error: expect.stringMatching(/longer than/) });
  });

  it('stores audio fingerprints canonical and refuses other versions or broken base64', () => {
    const print = serializeFingerprint(Uint32Array.of(1, 0xffffffff, 123456789));
    expect(checkSignalValue('audio-fingerprint', ` ${print}\n`)).toEqual({ value: print });
    expect(checkSignalValue('audio-fingerprint', 'cp9:AAAA')).toEqual({ error: expect.stringMatching(/"cp9:"/) });
    expect(checkSignalValue('audio-fingerprint', 'cp1:AAA')).toEqual({ error: expect.stringMatching(/canonical/) });
    expect(checkSignalValue('audio-fingerprint', '1,2,3')).toEqual({ error: expect.stringMatching(/cp1:/) });
  });

  it('reads a TMK value as the base64 of a whole .tmk file, wrapped lines allowed', () => {
    const tmk = fakeTmk(3);
    const wrapped = tmk.replace(/(.{76})/g, '$1\n');
    expect(wrapped).not.toBe(tmk);
    expect(checkSignalValue('tmk', wrapped)).toEqual({ value: tmk });
    expect(checkSignalValue('tmk', tmk.slice(0, -8))).toEqual({ error: expect.stringMatching(/bytes/) });
    expect(checkSignalValue('tmk', 'opaque-tmk-value')).toEqual({ error: expect.stringMatching(/base64/) });
    expect(checkSignalValue('tmk', Buffer.from('not a tmk file at all, but base64').toString('base64'))).toEqual({
      error: expect.stringMatching(/TMK1FVEC/),
    });
  });
});

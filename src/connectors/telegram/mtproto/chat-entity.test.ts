import { Api } from 'telegram';
import { returnBigInt } from 'telegram/Helpers.js';
import { describe, expect, it } from 'vitest';
import { chatRefOf, chatTypeOf, entityName, isoFromUnix, usernameOf } from './chat-entity.js';

const long = (n: number) => returnBigInt(n);
const photo = new Api.ChatPhotoEmpty();
const channel = (fields: Partial<ConstructorParameters<typeof Api.Channel>[0]>) =>
  new Api.Channel({ id: long(1), title: 'Title', photo, date: 0, ...fields });

describe('chatTypeOf', () => {
  it('maps chats as the exporter types them', () => {
    expect(chatTypeOf(channel({ broadcast: true }))).toBe('channel');
    expect(chatTypeOf(channel({ megagroup: true }))).toBe('supergroup');
    expect(chatTypeOf(channel({ megagroup: true, gigagroup: true }))).toBe('supergroup');
    expect(
      chatTypeOf(new Api.Chat({ id: long(2), title: 'g', photo, participantsCount: 1, date: 0, version: 1 })),
    ).toBe('group');
    expect(chatTypeOf(new Api.User({ id: long(3), firstName: 'a' }))).toBe('private');
    expect(chatTypeOf(new Api.User({ id: long(4), firstName: 'b', bot: true }))).toBe('bot');
  });

  it('names a channel that is neither broadcast nor megagroup by its username, as the exporter does', () => {
    expect(chatTypeOf(channel({ username: 'somename' }))).toBe('supergroup');
    expect(chatTypeOf(channel({}))).toBe('group');
  });
});

describe('usernameOf and entityName', () => {
  it('finds the active name among collectible usernames', () => {
    const usernames = [
      new Api.Username({ username: 'oldname', active: false }),
      new Api.Username({ username: 'newname', active: true }),
    ];
    expect(usernameOf(channel({ usernames }))).toBe('newname');
    expect(usernameOf(channel({ username: 'main', usernames }))).toBe('main');
    expect(usernameOf(channel({}))).toBeUndefined();
  });

  it('joins first and last names, and has no name for an empty one (the export writes null)', () => {
    expect(entityName(new Api.User({ id: long(1), firstName: 'Ann', lastName: 'Lee' }))).toBe('Ann Lee');
    expect(entityName(new Api.User({ id: long(1), lastName: 'Lee' }))).toBe('Lee');
    expect(entityName(new Api.User({ id: long(1) }))).toBeUndefined();
    expect(entityName(channel({ title: '' }))).toBeUndefined();
    expect(entityName(undefined)).toBeUndefined();
  });

  it('chatRefOf carries id, type and title, but no username (exports have none)', () => {
    expect(chatRefOf(channel({ broadcast: true, username: 'name', title: 't'.repeat(600) }))).toEqual({
      id: '1',
      type: 'channel',
      title: 't'.repeat(512),
    });
  });
});

describe('isoFromUnix', () => {
  it('formats seconds as Date#toISOString does and refuses what is not a date', () => {
    expect(isoFromUnix(1_700_000_000)).toBe('2023-11-14T22:13:20.000Z');
    expect(isoFromUnix(undefined)).toBeUndefined();
    expect(isoFromUnix(-1)).toBeUndefined();
    expect(isoFromUnix(1.5)).toBeUndefined();
    expect(isoFromUnix(1e16)).toBeUndefined();
  });
});

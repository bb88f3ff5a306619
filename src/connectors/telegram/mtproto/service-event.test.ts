import { Api } from 'telegram';
import { returnBigInt } from 'telegram/Helpers.js';
import { describe, expect, it } from 'vitest';
import { peerLookupOf } from './peer-ids.js';
import { serviceEvent } from './service-event.js';

const long = (n: number) => returnBigInt(n);
const users = [1, 2].map((n) => new Api.User({ id: long(n), firstName: `Member${n}` }));
const group = new Api.Chat({
  id: long(40),
  title: 'Club',
  photo: new Api.ChatPhotoEmpty(),
  participantsCount: 2,
  date: 0,
  version: 1,
});
const peers = peerLookupOf([...users, new Api.User({ id: long(9), firstName: 'Admin' })], [group]);

function service(
  action: Api.TypeMessageAction,
  fields: Partial<ConstructorParameters<typeof Api.MessageService>[0]> = {},
) {
  return new Api.MessageService({
    id: 7,
    peerId: new Api.PeerChat({ chatId: long(40) }),
    fromId: new Api.PeerUser({ userId: long(9) }),
    date: 1_700_000_000,
    action,
    ...fields,
  });
}

const actionOf = (action: Api.TypeMessageAction) => {
  const event = serviceEvent(service(action), peers);
  return [event?.action, event?.details];
};

describe('serviceEvent', () => {
  it('names actions as the exporter does, with the facts it writes', () => {
    expect(actionOf(new Api.MessageActionChatCreate({ title: 'Club', users: [long(1), long(2)] }))).toEqual([
      'create_group',
      { title: 'Club', members: ['Member1', 'Member2'] },
    ]);
    expect(actionOf(new Api.MessageActionChatAddUser({ users: [long(2), long(99)] }))).toEqual([
      'invite_members',
      { members: ['Member2'] },
    ]);
    expect(actionOf(new Api.MessageActionChatDeleteUser({ userId: long(1) }))).toEqual([
      'remove_members',
      { members: ['Member1'] },
    ]);
    expect(actionOf(new Api.MessageActionChatJoinedByLink({ inviterId: long(1) }))).toEqual([
      'join_group_by_link',
      { inviter: 'Member1' },
    ]);
    expect(actionOf(new Api.MessageActionChatDeletePhoto())).toEqual(['delete_group_photo', {}]);
    expect(actionOf(new Api.MessageActionChatMigrateTo({ channelId: long(5) }))).toEqual(['migrate_to_supergroup', {}]);
    expect(actionOf(new Api.MessageActionChannelMigrateFrom({ title: 'Old club', chatId: long(40) }))).toEqual([
      'migrate_from_group',
      { title: 'Old club' },
    ]);
    expect(actionOf(new Api.MessageActionHistoryClear())).toEqual(['clear_history', {}]);
    expect(actionOf(new Api.MessageActionSetMessagesTTL({ period: 86_400 }))).toEqual([
      'set_messages_ttl',
      { period: 86_400 },
    ]);
  });

  it('keeps a new photo as its largest dimensions (no path: a live photo is not an exported file)', () => {
    const photo = new Api.Photo({
      id: long(3),
      accessHash: long(1),
      fileReference: Buffer.alloc(1),
      date: 0,
      dcId: 1,
      sizes: [
        new Api.PhotoSize({ type: 'a', w: 160, h: 160, size: 1 }),
        new Api.PhotoSize({ type: 'c', w: 640, h: 640, size: 2 }),
      ],
    });
    expect(actionOf(new Api.MessageActionChatEditPhoto({ photo }))).toEqual([
      'edit_group_photo',
      { width: 640, height: 640 },
    ]);
  });

  it('gives the pinned message id from the reply header', () => {
    const event = serviceEvent(
      service(new Api.MessageActionPinMessage(), { replyTo: new Api.MessageReplyHeader({ replyToMsgId: 12 }) }),
      peers,
    );
    expect(event?.details).toEqual({ message_id: 12 });
  });

  it('reads actions the exporter does not name as unknown, a custom action with its text', () => {
    expect(actionOf(new Api.MessageActionScreenshotTaken())).toEqual(['unknown', {}]);
    expect(actionOf(new Api.MessageActionCustomAction({ message: 'something happened' }))).toEqual([
      'unknown',
      { information_text: 'something happened' },
    ]);
  });

  it('names the actor, or the chat itself when the message has no sender', () => {
    expect(serviceEvent(service(new Api.MessageActionHistoryClear()), peers)).toMatchObject({
      actor: 'Admin',
      actorId: 'user9',
    });
    const own = serviceEvent(service(new Api.MessageActionHistoryClear(), { fromId: undefined }), peers);
    expect(own).toMatchObject({ actor: 'Club', actorId: 'chat40', chatId: '40', messageId: '7' });
    const unknown = serviceEvent(
      service(new Api.MessageActionHistoryClear(), { fromId: new Api.PeerUser({ userId: long(77) }) }),
      peers,
    );
    expect(unknown).not.toHaveProperty('actor');
    expect(unknown?.actorId).toBe('user77');
  });

  it('has no event without a usable date', () => {
    expect(serviceEvent(service(new Api.MessageActionHistoryClear(), { date: -5 }), peers)).toBeUndefined();
  });
});

import type { Chat, Message, MessageEntity, MessageOrigin, PhotoSize, Update, User } from 'grammy/types';

/**
 * Builders for Update JSON in the shapes the Bot API documents (core.telegram.org/bots/api#update),
 * with neutral text only. Each returns a plain object as Telegram would send it; tests spread
 * extra fields over them. `update_id` 0 lets `FakeBotApi.enqueue` number the update.
 */

export const BASE_DATE = 1_700_000_000;

export const supergroup = (extra: Partial<Chat.SupergroupChat> = {}): Chat.SupergroupChat => ({
  id: -1001234567890,
  type: 'supergroup',
  title: 'Sample Group',
  username: 'samplegroup',
  ...extra,
});

export const channel = (extra: Partial<Chat.ChannelChat> = {}): Chat.ChannelChat => ({
  id: -1009876543210,
  type: 'channel',
  title: 'Sample Channel',
  username: 'samplechannel',
  ...extra,
});

export const basicGroup = (extra: Partial<Chat.GroupChat> = {}): Chat.GroupChat => ({
  id: -4242,
  type: 'group',
  title: 'Small Group',
  ...extra,
});

export const user = (extra: Partial<User> = {}): User => ({
  id: 5550001,
  is_bot: false,
  first_name: 'Sam',
  last_name: 'Sample',
  username: 'samsample',
  language_code: 'en',
  ...extra,
});

type AnyMessage = Message & Record<string, unknown>;

/** A text message from a user in a supergroup. */
export function groupMessage(id: number, extra: Partial<AnyMessage> = {}): Message {
  return {
    message_id: id,
    from: user(),
    chat: supergroup(),
    date: BASE_DATE + id * 60,
    text: 'hello group',
    ...extra,
  } as Message;
}

/** A post in a channel: `sender_chat` is the channel itself, signed when signatures are on. */
export function channelPost(id: number, extra: Partial<AnyMessage> = {}): Message {
  const chat = channel();
  return {
    message_id: id,
    sender_chat: chat,
    chat,
    date: BASE_DATE + id * 60,
    author_signature: 'Editor',
    text: 'hello channel',
    ...extra,
  } as Message;
}

// grammY's Update type ties each kind to a narrowed Message; the builders take any Message.
export const messageUpdate = (message: Message, update_id = 0): Update => ({ update_id, message }) as Update;
export const editedMessageUpdate = (message: Message, update_id = 0): Update =>
  ({ update_id, edited_message: message }) as Update;
export const channelPostUpdate = (message: Message, update_id = 0): Update =>
  ({ update_id, channel_post: message }) as Update;
export const editedChannelPostUpdate = (message: Message, update_id = 0): Update =>
  ({ update_id, edited_channel_post: message }) as Update;

/** An edit of `message` at `editDate` with new text (Telegram sends the whole message again). */
export const edited = (message: Message, editDate: number, text: string): Message =>
  ({ ...message, edit_date: editDate, text }) as Message;

/** Text with one entity per `[type, part, extra]` triple, offsets computed in UTF-16 code units as Telegram counts. */
export function withEntities(parts: (string | [MessageEntity['type'], string, Record<string, unknown>?])[]): {
  text: string;
  entities: MessageEntity[];
} {
  let text = '';
  const entities: MessageEntity[] = [];
  for (const part of parts) {
    if (typeof part === 'string') {
      text += part;
      continue;
    }
    const [type, visible, extra] = part;
    entities.push({ type, offset: text.length, length: visible.length, ...extra } as MessageEntity);
    text += visible;
  }
  return { text, entities };
}

/** `forward_origin` of each type (Bot API 7.0+); the legacy `forward_from*` fields are spread by hand. */
export const forwardOrigin = {
  user: (sender: User = user(), date = BASE_DATE): MessageOrigin => ({ type: 'user', date, sender_user: sender }),
  hiddenUser: (name: string, date = BASE_DATE): MessageOrigin => ({
    type: 'hidden_user',
    date,
    sender_user_name: name,
  }),
  chat: (sender: Chat.SupergroupChat | Chat.GroupChat = supergroup(), date = BASE_DATE): MessageOrigin => ({
    type: 'chat',
    date,
    sender_chat: sender,
  }),
  channel: (from: Chat.ChannelChat = channel(), messageId = 1, date = BASE_DATE): MessageOrigin => ({
    type: 'channel',
    date,
    chat: from,
    message_id: messageId,
  }),
};

export const urlButtons = (...rows: [string, string][][]) => ({
  inline_keyboard: rows.map((row) => row.map(([text, url]) => ({ text, url }))),
});

export function photoSizes(fileId: string, largest: { width: number; height: number; size: number }): PhotoSize[] {
  return [
    { file_id: `${fileId}-s`, file_unique_id: `${fileId}-su`, width: 90, height: 60, file_size: 1200 },
    {
      file_id: fileId,
      file_unique_id: `${fileId}-u`,
      width: largest.width,
      height: largest.height,
      file_size: largest.size,
    },
  ];
}

export const documentFile = (fileId: string, size: number) => ({
  file_id: fileId,
  file_unique_id: `${fileId}-u`,
  file_name: 'report.pdf',
  mime_type: 'application/pdf',
  file_size: size,
});

export const videoFile = (fileId: string, size: number) => ({
  file_id: fileId,
  file_unique_id: `${fileId}-u`,
  width: 1280,
  height: 720,
  duration: 12,
  file_name: 'clip.mp4',
  mime_type: 'video/mp4',
  file_size: size,
});

export const voiceFile = (fileId: string, size: number) => ({
  file_id: fileId,
  file_unique_id: `${fileId}-u`,
  duration: 4,
  mime_type: 'audio/ogg',
  file_size: size,
});

export const animationFile = (fileId: string, size: number) => ({
  file_id: fileId,
  file_unique_id: `${fileId}-u`,
  width: 320,
  height: 240,
  duration: 3,
  file_name: 'loop.mp4',
  mime_type: 'video/mp4',
  file_size: size,
});

export const stickerFile = (fileId: string, size: number) => ({
  file_id: fileId,
  file_unique_id: `${fileId}-u`,
  type: 'regular',
  width: 512,
  height: 512,
  is_animated: false,
  is_video: false,
  emoji: '🙂',
  set_name: 'SampleSet',
  file_size: size,
});

import { Api } from 'telegram';
import { type ButtonLink, type EntityPart, type EntitySpan, entityText, type MessageText } from '../entity-text.js';

/**
 * A message's text and the entities that matter for finding content (links, above all hidden
 * `text_link` targets, mentions, hashtags, bot commands, button links). This file only says what
 * each GramJS class means; `../entity-text.ts` applies the limits and the exporter's rules, the
 * same as for the Bot API, so a live message and its exported copy carry the same entities.
 */

export type { MessageText } from '../entity-text.js';

/** The Rasd entity type of a GramJS entity class, with its hidden target; undefined for formatting. */
function partOf(entity: Api.TypeMessageEntity): EntityPart | undefined {
  if (entity instanceof Api.MessageEntityUrl) return { type: 'url' };
  if (entity instanceof Api.MessageEntityTextUrl) return { type: 'text-link', url: entity.url };
  if (entity instanceof Api.MessageEntityMention) return { type: 'mention' };
  // The exporter writes the hidden user id of a mention by name; an input mention has none to write.
  if (entity instanceof Api.MessageEntityMentionName)
    return { type: 'mention-name', url: `tg://user?id=${String(entity.userId)}` };
  if (entity instanceof Api.InputMessageEntityMentionName) return { type: 'mention-name' };
  if (entity instanceof Api.MessageEntityHashtag) return { type: 'hashtag' };
  if (entity instanceof Api.MessageEntityCashtag) return { type: 'cashtag' };
  if (entity instanceof Api.MessageEntityBotCommand) return { type: 'bot-command' };
  if (entity instanceof Api.MessageEntityEmail) return { type: 'email' };
  if (entity instanceof Api.MessageEntityPhone) return { type: 'phone' };
  return undefined;
}

/** Button kinds that send the reader to a link; the exporter writes their link as the button's `data`. */
function buttonUrl(button: Api.TypeKeyboardButton): string | undefined {
  if (
    button instanceof Api.KeyboardButtonUrl ||
    button instanceof Api.KeyboardButtonUrlAuth ||
    button instanceof Api.InputKeyboardButtonUrlAuth ||
    button instanceof Api.KeyboardButtonWebView ||
    button instanceof Api.KeyboardButtonSimpleWebView
  ) {
    return button.url;
  }
  return undefined;
}

/** Inline keyboard rows; other keyboards (reply keyboards) are not exported. */
function buttonRows(markup: Api.TypeReplyMarkup | undefined): ButtonLink[][] {
  if (!(markup instanceof Api.ReplyInlineMarkup)) return [];
  return (markup.rows ?? []).map((row) =>
    (row.buttons ?? []).map((button) => ({ text: (button as { text?: unknown }).text, url: buttonUrl(button) })),
  );
}

/** The text (a caption for media) and its entities, then the inline buttons' links. */
export function messageText(message: Api.Message): MessageText {
  const spans: EntitySpan[] = (message.entities ?? []).map((entity) => ({
    offset: (entity as { offset?: unknown }).offset,
    length: (entity as { length?: unknown }).length,
    part: partOf(entity),
  }));
  return entityText(typeof message.message === 'string' ? message.message : '', spans, buttonRows(message.replyMarkup));
}

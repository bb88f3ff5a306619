/**
 * What the action runner asks of the Bot API moderator (`connectors/telegram/bot-api/moderation.ts`
 * `moderate(api, request, { dryRun })`, bound to the bot's Api by the runtime), as one function,
 * so the runner is tested without a bot. The request and result shapes are the connector's.
 */
import type { ModerationRequest, ModerationResult } from '../../connectors/telegram/bot-api/moderation.js';

export type { ModerationRequest, ModerationResult };

export type Moderate = (request: ModerationRequest, options: { dryRun: boolean }) => Promise<ModerationResult>;

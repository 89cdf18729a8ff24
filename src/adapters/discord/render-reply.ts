/** Reply → Discord message for every entry point, with the "More results" button id filled in. */
import { type InteractionReplyOptions, MessageFlags } from 'discord.js';
import type { Reply } from '../../core/types.ts';
import type { MoreResultsButtons } from './more-results-buttons.ts';
import { type DiscordMessage, renderDiscord } from './render-message.ts';

/** Renders a reply; an answer with a next page gets a "More results" button that remembers its question. */
export function renderReply(reply: Reply, buttons: MoreResultsButtons): DiscordMessage {
  if (reply.kind === 'answer' && reply.nextOffset !== undefined) {
    return renderDiscord(reply, { moreButtonId: buttons.idFor(reply.question, reply.nextOffset) });
  }
  return renderDiscord(reply);
}

/** The same message, visible only to the user who used the interaction. */
export function ephemeral(message: DiscordMessage): InteractionReplyOptions {
  const flags: (MessageFlags.Ephemeral | MessageFlags.SuppressEmbeds)[] = [MessageFlags.Ephemeral];
  if (message.flags) flags.push(message.flags);
  return { ...message, flags };
}

/**
 * DMs to the bot and @mentions of it in server channels, answered like `/ask` (or any command typed as text,
 * such as `help`). Messages from bots, webhooks and the system are ignored, the bot's own included.
 */
import type { Message } from 'discord.js';
import { parseCommandText } from '../../core/commands/run-command.ts';
import { replyAudience } from '../shared/reply-audience.ts';
import type { DiscordContext } from './discord-context.ts';
import { renderReply } from './render-reply.ts';
import { answerMessage } from './report-failure.ts';

/** Handles one message; never throws. */
export async function handleMessage(message: Message, ctx: DiscordContext): Promise<void> {
  const text = questionText(message);
  if (text === undefined) return;
  await answerMessage(message, ctx.logger, async () => {
    const reply = await ctx.handle(parseCommandText(text), {
      platform: 'discord',
      userId: message.author.id,
      // Asked when the message was sent (discord.js reads it from the message's id).
      asOf: new Date(message.createdTimestamp),
    });
    const payload = renderReply(reply, ctx.buttons);
    const audience = replyAudience(reply);
    if (audience.quiet) return;
    // In a DM the conversation is already one-to-one; in a channel, reply to the message that asked — except
    // a "slow down" notice, which concerns only the asker and goes to them by DM when they accept DMs.
    if (!message.inGuild() && message.channel.isSendable()) await message.channel.send(payload);
    else if (
      !(
        audience.onlyForAsker &&
        (await message.author.send(payload).then(
          () => true,
          () => false,
        ))
      )
    ) {
      await message.reply(payload);
    }
    ctx.logger.debug('discord: answered a message', {
      message: message.id,
      user: message.author.id,
      guild: message.guildId ?? 'DM',
      reply: reply.kind,
    });
  });
}

/** The text to answer: a DM's whole content, a mention's content without the mention, else `undefined`. */
export function questionText(message: Message): string | undefined {
  if (message.author.bot || message.system || message.webhookId) return undefined;
  if (!message.inGuild()) return message.content;
  const mention = `<@${message.client.user.id}>`;
  const nickMention = `<@!${message.client.user.id}>`;
  if (!message.content.includes(mention) && !message.content.includes(nickMention)) return undefined;
  return message.content.replaceAll(mention, ' ').replaceAll(nickMention, ' ').trim();
}

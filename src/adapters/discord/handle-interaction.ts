/**
 * Every interaction Discord sends: slash commands, `/article` autocomplete and "More results" buttons.
 * Errors are caught in one place ({@link answerInteraction}); unknown commands and components are
 * answered too, so the user never sees "The application did not respond".
 *
 * The core is synchronous and in memory, so each reply is computed first and sent as the single initial
 * response, well inside Discord's 3-second window; deferring would only add a round trip, and an error
 * (which happens before anything is sent) can then still get an ephemeral apology.
 */
import type { ButtonInteraction, ChatInputCommandInteraction, Interaction } from 'discord.js';
import type { ProblemReply } from '../../core/types.ts';
import { replyAudience } from '../shared/reply-audience.ts';
import { answerAutocomplete } from './answer-autocomplete.ts';
import type { DiscordContext } from './discord-context.ts';
import { renderDiscord, renderNotice } from './render-message.ts';
import { ephemeral, renderReply } from './render-reply.ts';
import { answerInteraction, interactionContext } from './report-failure.ts';
import { isPrivate, slashCommandInput } from './slash-command-input.ts';

/** The reply to a "More results" button whose question is no longer known (e.g. after a restart). */
export const EXPIRED_BUTTON: ProblemReply = {
  kind: 'problem',
  code: 'expired',
  message: 'This button has expired (I may have restarted since). Please ask the question again.',
  usage: '/ask question:<your question>',
};

/** Handles one interaction; never throws. */
export async function handleInteraction(interaction: Interaction, ctx: DiscordContext): Promise<void> {
  await answerInteraction(interaction, ctx.logger, async () => {
    if (interaction.isAutocomplete()) await answerAutocomplete(interaction, ctx);
    else if (interaction.isChatInputCommand()) await answerSlashCommand(interaction, ctx);
    else if (interaction.isButton()) await answerButton(interaction, ctx);
    else if (interaction.isRepliable()) {
      ctx.logger.warn('discord: unsupported interaction', interactionContext(interaction));
      await interaction.reply(ephemeral(renderNotice("Sorry, I don't know how to handle that.")));
    }
  });
}

async function answerSlashCommand(
  interaction: ChatInputCommandInteraction,
  ctx: DiscordContext,
): Promise<void> {
  const input = slashCommandInput(interaction);
  if (!input) {
    ctx.logger.warn('discord: unknown slash command', interactionContext(interaction));
    const notice = `I don't know the command /${interaction.commandName} (any more). Try /help.`;
    await interaction.reply(ephemeral(renderNotice(notice)));
    return;
  }
  const reply = await ctx.handle(input, {
    platform: 'discord',
    userId: interaction.user.id,
    asOf: new Date(interaction.createdTimestamp),
  });
  const message = renderReply(reply, ctx.buttons);
  // Problems (an unknown article, a question with no words) concern only the person who asked, as does a
  // rate-limit notice (which is one).
  const onlyForAsker =
    isPrivate(interaction) || reply.kind === 'problem' || replyAudience(reply).onlyForAsker;
  await interaction.reply(onlyForAsker ? ephemeral(message) : message);
  ctx.logger.debug('discord: answered a slash command', {
    ...interactionContext(interaction),
    reply: reply.kind,
  });
}

async function answerButton(interaction: ButtonInteraction, ctx: DiscordContext): Promise<void> {
  const target = ctx.buttons.resolve(interaction.customId);
  if (!target) {
    ctx.logger.warn('discord: unknown button', interactionContext(interaction));
    await interaction.reply(ephemeral(renderNotice("Sorry, that button isn't one I know (any more).")));
    return;
  }
  if (target.kind === 'expired') {
    await interaction.reply(ephemeral(renderDiscord(EXPIRED_BUTTON)));
    return;
  }
  // The next page replaces the one shown, in place; the question is restated on every page.
  const reply = await ctx.handle(
    { name: 'ask', question: target.question, offset: target.offset },
    // Further pages are as of the first one: the message that carries the button.
    {
      platform: 'discord',
      userId: interaction.user.id,
      asOf: new Date(interaction.message.createdTimestamp),
    },
  );
  await interaction.update(renderReply(reply, ctx.buttons));
  ctx.logger.debug('discord: showed more results', {
    ...interactionContext(interaction),
    offset: target.offset,
  });
}

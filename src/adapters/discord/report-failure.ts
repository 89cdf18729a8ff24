/**
 * The one place a failed Discord handler ends up: a log line with context, and a kind apology to the user
 * (ephemeral for interactions). Never throws, so a failure can never take the process down.
 */
import type { Interaction, Message } from 'discord.js';
import type { Logger } from '../../core/types.ts';
import { describeError } from './describe-error.ts';
import { renderNotice } from './render-message.ts';
import { ephemeral } from './render-reply.ts';

/** What the user sees when a handler fails. */
export const APOLOGY = 'Sorry, something went wrong while answering that. Please try again in a moment.';

/** Log fields that identify an interaction (ids only; the interaction token is never logged). */
export function interactionContext(interaction: Interaction): Record<string, unknown> {
  const what =
    interaction.isChatInputCommand() || interaction.isAutocomplete()
      ? { command: interaction.commandName }
      : interaction.isMessageComponent()
        ? { customId: interaction.customId.slice(0, 40) }
        : {};
  return {
    interaction: interaction.id,
    type: interaction.type,
    ...what,
    user: interaction.user.id,
    guild: interaction.guildId ?? 'DM',
    channel: interaction.channelId,
  };
}

/** Logs a failed interaction and answers it with an ephemeral apology (or empty choices for autocomplete). */
export async function reportInteractionFailure(
  interaction: Interaction,
  error: unknown,
  logger: Logger,
): Promise<void> {
  const context = interactionContext(interaction);
  logger.error('discord: interaction handler failed', { ...context, ...describeError(error) });
  try {
    if (interaction.isAutocomplete()) {
      if (!interaction.responded) await interaction.respond([]);
      return;
    }
    if (!interaction.isRepliable()) return;
    const apology = ephemeral(renderNotice(APOLOGY));
    if (interaction.replied || interaction.deferred) await interaction.followUp(apology);
    else await interaction.reply(apology);
  } catch (second) {
    logger.warn('discord: could not deliver the apology', { ...context, ...describeError(second) });
  }
}

/** Logs a failed DM or mention and answers it with an apology. */
export async function reportMessageFailure(message: Message, error: unknown, logger: Logger): Promise<void> {
  const context = {
    message: message.id,
    user: message.author.id,
    guild: message.guildId ?? 'DM',
    channel: message.channelId,
  };
  logger.error('discord: message handler failed', { ...context, ...describeError(error) });
  try {
    await message.reply(renderNotice(APOLOGY));
  } catch (second) {
    logger.warn('discord: could not deliver the apology', { ...context, ...describeError(second) });
  }
}

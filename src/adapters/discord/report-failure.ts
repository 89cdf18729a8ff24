/**
 * A failed Discord handler goes through the shared policy (`adapters/shared/apology.ts`): a log line with
 * context, and the apology to the user — ephemeral for interactions, empty choices for autocomplete.
 */
import type { Interaction, Message } from 'discord.js';
import type { Logger } from '../../core/types.ts';
import { APOLOGY, answerOrApologize } from '../shared/apology.ts';
import { renderNotice } from './render-message.ts';
import { ephemeral } from './render-reply.ts';

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

/** Runs an interaction's `work`; if it fails, logs it and apologises ephemerally. Never throws. */
export function answerInteraction(interaction: Interaction, logger: Logger, work: () => Promise<void>) {
  return answerOrApologize(
    logger,
    { platform: 'discord', kind: 'interaction', context: interactionContext(interaction) },
    work,
    async () => {
      if (interaction.isAutocomplete()) {
        if (!interaction.responded) await interaction.respond([]);
        return;
      }
      if (!interaction.isRepliable()) return;
      const apology = ephemeral(renderNotice(APOLOGY));
      if (interaction.replied || interaction.deferred) await interaction.followUp(apology);
      else await interaction.reply(apology);
    },
  );
}

/** Runs a DM's or mention's `work`; if it fails, logs it and replies with an apology. Never throws. */
export function answerMessage(message: Message, logger: Logger, work: () => Promise<void>) {
  const context = {
    message: message.id,
    user: message.author.id,
    guild: message.guildId ?? 'DM',
    channel: message.channelId,
  };
  return answerOrApologize(logger, { platform: 'discord', kind: 'message', context }, work, () =>
    message.reply(renderNotice(APOLOGY)),
  );
}

/** A slash command interaction → the core's {@link CommandInput}, using the names the definitions declare. */
import type { ChatInputCommandInteraction } from 'discord.js';
import type { CommandInput } from '../../core/commands/run-command.ts';
import { COMMAND } from './command-definitions.ts';

/** The command to run, or `undefined` for a command this bot does not define (e.g. a stale registration). */
export function slashCommandInput(interaction: ChatInputCommandInteraction): CommandInput | undefined {
  const { options } = interaction;
  switch (interaction.commandName) {
    case COMMAND.ask.name:
      return { name: 'ask', question: options.getString(COMMAND.ask.question, true) };
    case COMMAND.sources.name:
      return { name: 'sources' };
    case COMMAND.article.name:
      return {
        name: 'article',
        id: options.getString(COMMAND.article.id, true),
        paragraph: options.getInteger(COMMAND.article.paragraph) ?? undefined,
      };
    case COMMAND.help.name:
      return { name: 'help' };
    default:
      return undefined;
  }
}

/** Whether `/ask private:true` was used: the answer is then visible only to the asker. */
export function isPrivate(interaction: ChatInputCommandInteraction): boolean {
  return (
    interaction.commandName === COMMAND.ask.name &&
    (interaction.options.getBoolean(COMMAND.ask.private) ?? false)
  );
}

/**
 * The slash commands, defined once: the runtime reads option names from here and
 * `npm run deploy:discord` registers exactly this JSON with Discord.
 */
import {
  ApplicationIntegrationType,
  InteractionContextType,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
  SlashCommandBuilder,
} from 'discord.js';

/** Longest question Discord will let a user type into `/ask` (the core shortens further if it must). */
export const MAX_QUESTION_LENGTH = 1000;

/** Command and option names shared by the definitions and the handlers. */
export const COMMAND = {
  ask: { name: 'ask', question: 'question', private: 'private' },
  sources: { name: 'sources' },
  article: { name: 'article', id: 'id', paragraph: 'paragraph' },
  help: { name: 'help' },
} as const;

/** Installed to a server; usable in its channels and in DMs with the bot. */
function base(name: string, description: string): SlashCommandBuilder {
  return new SlashCommandBuilder()
    .setName(name)
    .setDescription(description)
    .setIntegrationTypes(ApplicationIntegrationType.GuildInstall)
    .setContexts(InteractionContextType.Guild, InteractionContextType.BotDM);
}

const ask = base(COMMAND.ask.name, 'Ask a question about the news articles; the answer cites its passages.')
  .addStringOption((option) =>
    option
      .setName(COMMAND.ask.question)
      .setDescription('Your question, e.g. "What did Putin say about North Korean troops?"')
      .setRequired(true)
      .setMaxLength(MAX_QUESTION_LENGTH),
  )
  .addBooleanOption((option) =>
    option.setName(COMMAND.ask.private).setDescription('Show the answer only to you (default: false)'),
  );

const sources = base(COMMAND.sources.name, 'List the articles I can answer questions about.');

const article = base(COMMAND.article.name, 'Show an article outline, or one of its paragraphs.')
  .addStringOption((option) =>
    option
      .setName(COMMAND.article.id)
      .setDescription('The article (start typing its title)')
      .setRequired(true)
      .setAutocomplete(true),
  )
  .addIntegerOption((option) =>
    option.setName(COMMAND.article.paragraph).setDescription('Paragraph number (¶) to show').setMinValue(1),
  );

const help = base(COMMAND.help.name, 'How to ask me questions.');

/** The JSON body `PUT /applications/{app}/commands` receives, in display order. */
export const commandDefinitions: readonly RESTPostAPIChatInputApplicationCommandsJSONBody[] = [
  ask,
  sources,
  article,
  help,
].map((builder) => builder.toJSON());

/**
 * The slash commands, made from the commands themselves (`core/commands/commands.ts`): one per command, its
 * options typed as the command declares them. The runtime reads options by the same names, and
 * `npm run deploy:discord` registers exactly this JSON with Discord.
 */
import {
  ApplicationIntegrationType,
  InteractionContextType,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
  SlashCommandBuilder,
} from 'discord.js';
import type { CommandOption } from '../../core/commands/command.ts';
import { COMMANDS } from '../../core/commands/commands.ts';

/** The option Discord adds to a command whose reply may be shown only to the asker. */
export const PRIVATE_OPTION = 'private';

/** Installed to a server; usable in its channels and in DMs with the bot. */
function base(name: string, description: string): SlashCommandBuilder {
  return new SlashCommandBuilder()
    .setName(name)
    .setDescription(description)
    .setIntegrationTypes(ApplicationIntegrationType.GuildInstall)
    .setContexts(InteractionContextType.Guild, InteractionContextType.BotDM);
}

function addOption(builder: SlashCommandBuilder, option: CommandOption): void {
  const required = option.required ?? false;
  switch (option.type) {
    case 'string':
      builder.addStringOption((o) => {
        o.setName(option.name).setDescription(option.description).setRequired(required);
        if (option.maxLength !== undefined) o.setMaxLength(option.maxLength);
        if (option.suggest) o.setAutocomplete(true);
        return o;
      });
      return;
    case 'integer':
      builder.addIntegerOption((o) => {
        o.setName(option.name).setDescription(option.description).setRequired(required);
        if (option.min !== undefined) o.setMinValue(option.min);
        return o;
      });
      return;
    case 'boolean':
      builder.addBooleanOption((o) =>
        o.setName(option.name).setDescription(option.description).setRequired(required),
      );
      return;
  }
}

/** The JSON body `PUT /applications/{app}/commands` receives, in display order. */
export const commandDefinitions: readonly RESTPostAPIChatInputApplicationCommandsJSONBody[] = COMMANDS.map(
  (command) => {
    const builder = base(command.name, command.summary);
    for (const option of command.options) addOption(builder, option);
    if (command.privateReply)
      builder.addBooleanOption((o) =>
        o.setName(PRIVATE_OPTION).setDescription('Show the answer only to you (default: false)'),
      );
    return builder.toJSON();
  },
);

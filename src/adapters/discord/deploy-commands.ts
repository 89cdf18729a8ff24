/**
 * Registers {@link commandDefinitions} with Discord: to one server when `guildId` is set (instant, for
 * testing), else globally. A bulk overwrite, so commands removed from the code disappear too.
 */
import { REST, Routes } from 'discord.js';
import { commandDefinitions } from './command-definitions.ts';
import type { DiscordConfig } from './settings.ts';
import { startupError } from './startup-error.ts';

/** What was deployed, and where. */
export interface DeployResult {
  scope: 'guild' | 'global';
  applicationId: string;
  guildId?: string;
  /** Names of the registered commands. */
  commands: string[];
}

/** Overwrites the application's slash commands with the definitions. Throws a `NewsdeskError` on failure. */
export async function deployCommands(config: DiscordConfig): Promise<DeployResult> {
  const rest = new REST({ api: config.apiUrl }).setToken(config.token);
  try {
    const applicationId = config.applicationId ?? (await fetchApplicationId(rest));
    const route = config.guildId
      ? Routes.applicationGuildCommands(applicationId, config.guildId)
      : Routes.applicationCommands(applicationId);
    await rest.put(route, { body: commandDefinitions });
    return {
      scope: config.guildId ? 'guild' : 'global',
      applicationId,
      guildId: config.guildId,
      commands: commandDefinitions.map((command) => command.name),
    };
  } catch (error) {
    throw startupError(error, config.apiUrl);
  }
}

/** The application that owns the token, when `DISCORD_APPLICATION_ID` is not set. */
async function fetchApplicationId(rest: REST): Promise<string> {
  const application = (await rest.get(Routes.currentApplication())) as { id: string };
  return application.id;
}

/**
 * `npm run deploy:discord`: registers the slash commands with Discord. Run it once after setting
 * DISCORD_TOKEN, and again whenever the command definitions change. Reads `.env` like `npm start`.
 */
import { deployCommands } from '../src/adapters/discord/deploy-commands.ts';
import { discordPlatform } from '../src/adapters/discord/platform.ts';
import { settingsOf } from '../src/adapters/platforms.ts';
import { exitWithError, readEnvConfig } from '../src/cli/read-env-config.ts';
import { NewsdeskError } from '../src/core/errors.ts';

const discord = settingsOf(readEnvConfig(), discordPlatform);
if (!discord) {
  exitWithError(
    new NewsdeskError(
      'config',
      'DISCORD_TOKEN is not set, so there is nothing to deploy. See docs/discord.md.',
    ),
  );
}

try {
  const deployed = await deployCommands(discord);
  const names = deployed.commands.map((name) => `/${name}`).join(', ');
  const where =
    deployed.scope === 'guild'
      ? `to server ${deployed.guildId}`
      : 'globally (to every server the bot is in, and DMs)';
  console.log(`Newsdesk: deployed ${names} ${where} for application ${deployed.applicationId}.`);
} catch (error) {
  exitWithError(error);
}

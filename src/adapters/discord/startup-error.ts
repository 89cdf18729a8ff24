/** A failed Discord login → one clear {@link NewsdeskError} line for the operator (never the token). */
import { DiscordAPIError, DiscordjsError, DiscordjsErrorCodes } from 'discord.js';
import { NewsdeskError } from '../../core/errors.ts';
import { discordPlatform } from './platform.ts';

/** What to tell the operator when Discord refuses the token. */
export const REJECTED_TOKEN =
  'Discord rejected DISCORD_TOKEN (401 Unauthorized). Copy the bot token again from the Developer Portal ' +
  '(your application → Bot → Reset Token) and set DISCORD_TOKEN.';

/** Whether the error means Discord refused the token (REST 401, or gateway close 4004). */
export function isRejectedToken(error: unknown): boolean {
  if (error instanceof DiscordjsError && error.code === DiscordjsErrorCodes.TokenInvalid) return true;
  if (error instanceof DiscordAPIError && error.status === 401) return true;
  return error instanceof Error && error.message === 'Authentication failed';
}

/** Maps any login failure to `discord-auth` or `discord-start`. */
export function startupError(error: unknown, apiUrl: string): NewsdeskError {
  if (error instanceof NewsdeskError) return error;
  if (isRejectedToken(error))
    return new NewsdeskError(discordPlatform.errorCodes.auth, REJECTED_TOKEN, { cause: error });
  const reason = error instanceof Error ? error.message : String(error);
  return new NewsdeskError(
    discordPlatform.errorCodes.start,
    `could not connect to Discord at ${apiUrl}: ${reason}`,
    {
      cause: error,
    },
  );
}

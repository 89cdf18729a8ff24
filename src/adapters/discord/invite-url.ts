/** The OAuth2 link a server admin opens to add the bot, with the scopes and permissions it needs. */
import { OAuth2Scopes, PermissionFlagsBits } from 'discord.js';

/** Read the channel, send replies with embeds (also in threads), and reply to messages. */
export const BOT_PERMISSIONS =
  PermissionFlagsBits.ViewChannel |
  PermissionFlagsBits.SendMessages |
  PermissionFlagsBits.SendMessagesInThreads |
  PermissionFlagsBits.EmbedLinks |
  PermissionFlagsBits.ReadMessageHistory;

/** The invite URL for an application: scopes `bot applications.commands` and {@link BOT_PERMISSIONS}. */
export function inviteUrl(applicationId: string): string {
  const scope = [OAuth2Scopes.Bot, OAuth2Scopes.ApplicationsCommands].join('%20');
  const id = encodeURIComponent(applicationId);
  return `https://discord.com/oauth2/authorize?client_id=${id}&scope=${scope}&permissions=${BOT_PERMISSIONS}`;
}

/** Startup checks against Slack: the bot token is accepted, and Slack failures become clear errors. */

import { webApi } from '@slack/bolt';
import { NewsdeskError } from '../../core/errors.ts';
import { slackPlatform } from './platform.ts';
import { redactTokens } from './redact.ts';
import { FATAL_SLACK_ERRORS } from './slack-calls.ts';

/** Who the bot token belongs to, as `auth.test` reports it. */
export interface BotIdentity {
  botUserId: string;
  botId: string;
  teamId?: string;
}

/**
 * Slack's answers that mean "this token is not (or no longer) accepted": those that are fatal at any time,
 * and two that only a start-up check meets (a token of the wrong kind, or of a user removed from the team).
 */
const AUTH_ERRORS = new Set([...FATAL_SLACK_ERRORS, 'user_removed_from_team', 'not_allowed_token_type']);

/** Calls `auth.test` with the bot token; throws a {@link NewsdeskError} when Slack refuses it or cannot be reached. */
export async function checkBotToken(
  botToken: string,
  clientOptions: webApi.WebClientOptions,
  apiUrl: string,
): Promise<BotIdentity> {
  const client = new webApi.WebClient(botToken, clientOptions);
  let result: webApi.AuthTestResponse;
  try {
    result = await client.auth.test();
  } catch (error) {
    throw slackStartError(error, 'SLACK_BOT_TOKEN', apiUrl);
  }
  if (!result.user_id || !result.bot_id) {
    throw new NewsdeskError(
      slackPlatform.errorCodes.auth,
      'SLACK_BOT_TOKEN is not a bot token: use the Bot User OAuth Token (xoxb-…) from OAuth & Permissions.',
    );
  }
  return { botUserId: result.user_id, botId: result.bot_id, teamId: result.team_id };
}

/**
 * Explains a failure to authenticate with or connect to Slack as a {@link NewsdeskError}: `slack-auth` when
 * Slack refused the named token, `slack-start` otherwise. Never includes a token.
 */
export function slackStartError(
  error: unknown,
  token: 'SLACK_BOT_TOKEN' | 'SLACK_APP_TOKEN',
  apiUrl: string,
): NewsdeskError {
  const slackError = (error as { data?: { error?: unknown } } | undefined)?.data?.error;
  if (typeof slackError === 'string' && AUTH_ERRORS.has(slackError)) {
    const fix =
      token === 'SLACK_BOT_TOKEN'
        ? 'copy the Bot User OAuth Token (xoxb-…) from OAuth & Permissions, and check the app is installed in the workspace'
        : 'create an app-level token (xapp-…) with the connections:write scope under Basic Information → App-Level Tokens';
    return new NewsdeskError(
      slackPlatform.errorCodes.auth,
      `Slack rejected ${token} (${slackError}): ${fix}.`,
      {
        cause: error,
      },
    );
  }
  const detail =
    typeof slackError === 'string' ? slackError : error instanceof Error ? error.message : String(error);
  return new NewsdeskError(
    slackPlatform.errorCodes.start,
    `Could not start Slack using ${token} against ${apiUrl}: ${redactTokens(detail).slice(0, 300)}`,
    { cause: error },
  );
}

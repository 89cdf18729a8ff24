/** Slack's settings: the `SLACK_*` keys, read and checked (every problem noted, none thrown). */
import type { SettingsReader } from '../platform.ts';

/** What Slack's settings share, whichever way events arrive. */
interface SlackCommon {
  botToken: string;
  /** Port for the HTTP Events API (default 3000). */
  port: number;
  /** Web API base URL (default `https://slack.com/api/`). */
  apiUrl: string;
  /** Seconds to wait for the start-up connection before giving up (default 30). */
  connectTimeoutSeconds?: number;
  /** Seconds one call to the platform's API may take before it is abandoned (and retried) (default 10). */
  callTimeoutSeconds?: number;
}

/**
 * Slack settings; present when `SLACK_BOT_TOKEN` is set. Socket Mode when the app-level token (`xapp-…`) is
 * set; else the HTTP Events API, which needs the signing secret (checked once, when the settings are read).
 */
export type SlackConfig = SlackCommon &
  ({ appToken: string; signingSecret?: string } | { appToken?: undefined; signingSecret: string });

/** The keys {@link readSlackSettings} reads (besides the shared `PORT`). */
export const SLACK_KEYS = [
  'SLACK_BOT_TOKEN',
  'SLACK_APP_TOKEN',
  'SLACK_SIGNING_SECRET',
  'SLACK_API_URL',
] as const;

const DEFAULT_SLACK_API = 'https://slack.com/api/';

/** Slack's settings when `SLACK_BOT_TOKEN` is set, else undefined. */
export function readSlackSettings(env: SettingsReader): SlackConfig | undefined {
  const botToken = env.get('SLACK_BOT_TOKEN');
  const appToken = env.get('SLACK_APP_TOKEN');
  const signingSecret = env.get('SLACK_SIGNING_SECRET');
  if (!botToken) {
    if (appToken || signingSecret)
      env.problem(
        'SLACK_APP_TOKEN or SLACK_SIGNING_SECRET is set but SLACK_BOT_TOKEN is not: Slack needs the bot token.',
      );
    return undefined;
  }
  if (!botToken.startsWith('xoxb-'))
    env.problem('SLACK_BOT_TOKEN should be a bot token starting with "xoxb-".');
  if (appToken && !appToken.startsWith('xapp-'))
    env.problem('SLACK_APP_TOKEN should be an app-level token starting with "xapp-" (Socket Mode).');
  let apiUrl = env.get('SLACK_API_URL') ?? DEFAULT_SLACK_API;
  env.checkUrl('SLACK_API_URL', apiUrl);
  if (!apiUrl.endsWith('/')) apiUrl += '/';
  const common: SlackCommon = {
    botToken,
    port: env.common.port,
    apiUrl,
    connectTimeoutSeconds: env.common.connectTimeoutSeconds,
    callTimeoutSeconds: env.common.callTimeoutSeconds,
  };
  if (appToken) return { ...common, appToken, signingSecret };
  if (signingSecret) return { ...common, signingSecret };
  env.problem(
    'Slack needs SLACK_APP_TOKEN (Socket Mode) or SLACK_SIGNING_SECRET (HTTP Events API) besides SLACK_BOT_TOKEN.',
  );
  return undefined;
}

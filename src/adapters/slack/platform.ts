/** Slack as a Newsdesk platform (see `adapters/platform.ts`): listed in `adapters/platforms.ts`. */
import type { Platform } from '../platform.ts';
import { readSlackSettings, SLACK_KEYS, type SlackConfig } from './settings.ts';

/** Slack: mentions, DMs, `/ask` and buttons, through Bolt. On when `SLACK_BOT_TOKEN` is set. */
export const slackPlatform: Platform<SlackConfig> = {
  name: 'slack',
  keys: SLACK_KEYS,
  turnOn: 'on Slack set SLACK_BOT_TOKEN with SLACK_APP_TOKEN (or SLACK_SIGNING_SECRET)',
  readSettings: readSlackSettings,
  secrets: (settings) => [settings.botToken, settings.appToken, settings.signingSecret],
  // `<@U123|name>`, `<#C123|name>`, `<!channel>` and the like, and a broadcast typed out.
  mentions: [/<[@#!][^<>\s]*>/giu, /@channel\b/giu],
  errorCodes: { auth: 'slack-auth', start: 'slack-start' },
  async start(config, deps) {
    // Bolt is loaded only when Slack is on.
    const { startSlack } = await import('./start-slack.ts');
    return startSlack({ ...deps, config });
  },
};

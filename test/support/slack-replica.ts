import { startNewsdesk } from '../../src/app.ts';
import { readConfig } from '../../src/config.ts';
import { eventually } from './eventually.ts';
import { freePort } from './free-port.ts';
import { recordingLogger } from './recording-logger.ts';
import type { SlackStandIn } from './slack-standin.ts';

/**
 * One bot process's worth of Newsdesk, started in-process as `npm start` starts it: Slack over HTTP
 * against the stand-in, no snapshot, and `env` on top (REDIS_URL, SEARCH_BACKEND …). Its log lines are
 * kept; the caller stops it (`app.stop`).
 */
export async function startSlackReplica(
  standIn: SlackStandIn,
  signingSecret: string,
  env: Record<string, string>,
) {
  const port = await freePort();
  const result = readConfig({
    SNAPSHOT_DIR: 'off',
    SLACK_BOT_TOKEN: standIn.botToken,
    SLACK_SIGNING_SECRET: signingSecret,
    SLACK_API_URL: standIn.apiUrl,
    PORT: String(port),
    ...env,
  });
  if (!result.ok) throw new Error(result.errors.join('\n'));
  const logger = recordingLogger();
  const app = await startNewsdesk(result.config, { logger });
  return { app, port, lines: logger.lines };
}

/** The replicas have finished every event they acknowledged (answered or skipped). */
export const settled = (...replicas: { app: { inFlight: { count: number } } }[]) =>
  eventually(() => replicas.every((r) => r.app.inFlight.count === 0), 'the replicas to settle');

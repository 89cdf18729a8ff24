/**
 * `npm start`: loads `.env`, indexes the articles, and serves Discord and/or Slack when their tokens are
 * set — or, with no platform configured, opens the local console.
 */
import { startConsole, startNewsdesk } from './app.ts';
import { exitWithError, readEnvConfig } from './cli/read-env-config.ts';
import { createStderrLogger } from './logger.ts';

const logger = createStderrLogger({ level: process.env.LOG_LEVEL === 'debug' ? 'debug' : 'info' });

try {
  const config = readEnvConfig();
  const app = await startNewsdesk(config, { logger });
  if (!app.platforms.length) {
    await startConsole(app.desk, { input: process.stdin, output: process.stdout, logger });
    process.exit(0);
  }
  logger.info(
    `Newsdesk is answering on ${app.platforms.map((p) => p.name).join(' and ')}. Press Ctrl+C to stop.`,
  );
  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) process.exit(1);
    stopping = true;
    logger.info(`${signal} received: disconnecting…`);
    app.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
} catch (error) {
  exitWithError(error);
}

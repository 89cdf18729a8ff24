/**
 * `npm start`: loads `.env`, indexes the articles, and serves Discord and/or Slack when their tokens are
 * set — or, with no platform configured, opens the local console.
 */
import { startConsole, startNewsdesk } from './app.ts';
import { exitWithError, readEnvConfig } from './cli/read-env-config.ts';
import { secretsOf } from './config.ts';
import { createLogger } from './logging/create-logger.ts';

const config = readEnvConfig();
const logger = createLogger({ level: config.ops.logLevel, secrets: secretsOf(config) });

// A failure outside every handler is logged (secrets scrubbed) rather than ending the process silently.
process.on('unhandledRejection', (reason) => {
  logger.error('Unhandled promise rejection', { error: reason instanceof Error ? reason : String(reason) });
});
process.on('uncaughtException', (error) => {
  logger.error('Uncaught exception', { error, stack: error.stack });
});

try {
  const app = await startNewsdesk(config, { logger });
  if (!app.platforms.length) {
    await startConsole(app, { input: process.stdin, output: process.stdout, logger });
    await app.stop(0);
    process.exit(0);
  }
  logger.info(
    `Newsdesk is answering on ${app.platforms.map((p) => p.name).join(' and ')}. Press Ctrl+C to stop.`,
  );
  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) {
      logger.warn(`${signal} again: exiting now.`);
      process.exit(1);
    }
    stopping = true;
    logger.info(`${signal} received: finishing answers in flight, then disconnecting…`);
    app.stop().then(
      () => {
        logger.info('Stopped.');
        process.exit(0);
      },
      (error) => {
        logger.error('Shutdown failed', { error });
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
} catch (error) {
  exitWithError(error);
}

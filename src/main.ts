/**
 * `npm start`: loads `.env`, indexes the articles, and serves Discord and/or Slack when their tokens are
 * set — or, with no platform configured, opens the local console.
 */
import { consoleLogSink } from './adapters/console/log-sink.ts';
import { startConsole, startNewsdesk } from './app.ts';
import { exitWithError, readEnvConfig } from './cli/read-env-config.ts';
import { secretsOf } from './config.ts';
import { createLogger } from './logging/create-logger.ts';

const config = readEnvConfig();
// Log lines go to stderr through a sink the console can keep clear of its prompt.
const logSink = consoleLogSink(process.stderr);
const logger = createLogger({ level: config.ops.logLevel, secrets: secretsOf(config), sink: logSink });

// A failure outside every handler is logged (secrets scrubbed) rather than ending the process silently.
process.on('unhandledRejection', (reason) => {
  logger.error('Unhandled promise rejection', { error: reason instanceof Error ? reason : String(reason) });
});
// After an uncaught exception the process is in an unknown state (Node's own advice): log it, then exit
// non-zero so a supervisor (systemd, Docker, pm2) starts a fresh one, rather than answer on half-broken.
process.on('uncaughtException', (error) => {
  logger.error('Uncaught exception: exiting', { error, stack: error.stack });
  process.exit(70); // EX_SOFTWARE: an internal error
});

try {
  // With no platform left to serve (every token rejected, every gateway closed for good), stop and say so.
  let exitCode = 0;
  const app = await startNewsdesk(config, {
    logger,
    onAllPlatformsDown: () => {
      exitCode = 3;
      shutdown('No platform is left to serve', 'Stopping');
    },
  });
  if (!app.platforms.length) {
    // At a terminal the console reads Ctrl+C itself; from a pipe, SIGINT ends it as end of input would.
    const interrupted = new AbortController();
    if (!process.stdin.isTTY) process.once('SIGINT', () => interrupted.abort());
    await startConsole(app, {
      input: process.stdin,
      output: process.stdout,
      logger,
      logSink,
      signal: interrupted.signal,
    });
    await app.stop(0);
    process.exit(0);
  }
  logger.info(
    `Newsdesk is answering on ${app.platforms.map((p) => p.name).join(' and ')}. Press Ctrl+C to stop.`,
  );
  let stopping = false;
  function shutdown(why: string, what = why): void {
    if (stopping) {
      logger.warn(`${what} again: exiting now.`);
      process.exit(1);
    }
    stopping = true;
    logger.info(`${why}: finishing answers in flight, then disconnecting…`);
    app.stop().then(
      ({ undelivered }) => {
        // Non-zero when acknowledged questions went unanswered, so a supervisor sees the loss.
        if (undelivered && !exitCode) exitCode = 1;
        logger.info('Stopped.', { exitCode });
        process.exit(exitCode);
      },
      (error) => {
        logger.error('Shutdown failed', { error });
        process.exit(1);
      },
    );
  }
  process.on('SIGINT', () => shutdown('SIGINT received', 'SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM received', 'SIGTERM'));
} catch (error) {
  exitWithError(error);
}

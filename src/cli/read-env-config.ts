import 'dotenv/config';
import { type Config, readConfig } from '../config.ts';

/**
 * The entry points' shared start: loads `.env` (never overriding the real environment), reads the config,
 * and on any problem prints every one of them and exits with status 1.
 */
export function readEnvConfig(): Config {
  const result = readConfig(process.env);
  if (result.ok) return result.config;
  process.stderr.write(`Newsdesk cannot start; fix these settings (see .env.example):\n`);
  for (const error of result.errors) process.stderr.write(`  - ${error}\n`);
  process.exit(1);
}

/** Prints an error as one line (a `NewsdeskError` message is written for operators) and exits 1. */
export function exitWithError(error: unknown): never {
  const message =
    error instanceof Error && error.name === 'NewsdeskError'
      ? error.message
      : `Newsdesk failed: ${String(error instanceof Error ? error.message : error)}`;
  process.stderr.write(`${message}\n`);
  process.exit(1);
}

/** What every Discord handler is handed. */
import type { CommandHandler } from '../../core/commands/command-handler.ts';
import type { Desk } from '../../core/desk.ts';
import type { Logger } from '../../core/types.ts';
import type { MoreResultsButtons } from './more-results-buttons.ts';

/** The desk (for autocomplete), the command handler, the logger, and the "More results" button ids. */
export interface DiscordContext {
  desk: Desk;
  /** Runs commands for a user (rate limits, metrics and the per-question log line live there). */
  handle: CommandHandler;
  logger: Logger;
  buttons: MoreResultsButtons;
}

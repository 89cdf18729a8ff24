/** What every Discord handler is handed. */
import type { Desk } from '../../core/desk.ts';
import type { Logger } from '../../core/types.ts';
import type { MoreResultsButtons } from './more-results-buttons.ts';

/** The desk to answer from, the logger, and the "More results" button ids. */
export interface DiscordContext {
  desk: Desk;
  logger: Logger;
  buttons: MoreResultsButtons;
}

/** `sources`: the articles Newsdesk answers from. */
import type { Command } from './command.ts';

export interface SourcesInput {
  name: 'sources';
}

export const sources: Command<SourcesInput> = {
  name: 'sources',
  usage: 'sources',
  description: 'List the articles I can answer from.',
  summary: 'List the articles I can answer questions about.',
  options: [],
  // "sources of funding?" is a question; "/sources" or "sources" alone is the command.
  fromText: (rest, slash) => (rest && !slash ? undefined : { name: 'sources' }),
  fromOptions: () => ({ name: 'sources' }),
  run: (desk) => ({ kind: 'sources', articles: desk.summaries(), stats: desk.stats }),
};

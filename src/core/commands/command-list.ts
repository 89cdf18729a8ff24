/** The commands every platform offers, as `help` lists them. */
export const COMMANDS = [
  {
    name: 'ask',
    usage: 'ask <question>',
    description: 'Answer a question from the articles, with cited passages.',
  },
  { name: 'sources', usage: 'sources', description: 'List the articles I can answer from.' },
  {
    name: 'article',
    usage: 'article <id> [paragraph]',
    description: 'Show one paragraph of an article (¶ number), or its outline.',
  },
  { name: 'help', usage: 'help', description: 'Show this help.' },
] as const;

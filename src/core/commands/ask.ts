/** `ask <question>`: the question answered from the articles, with cited passages. */
import { type Command, optionalWhole } from './command.ts';

/** A question, and which page of its passages (further pages: "More results"). */
export interface AskInput {
  name: 'ask';
  question: string;
  offset?: number;
  /** When the question was asked (a chat message's own time); now when absent. */
  asOf?: Date;
}

/** Longest question a platform lets a user type into a question field (the core shortens further if it must). */
export const MAX_QUESTION_LENGTH = 1000;

export const ask: Command<AskInput> = {
  name: 'ask',
  usage: 'ask <question>',
  description: 'Answer a question from the articles, with cited passages.',
  summary: 'Ask a question about the news articles; the answer cites its passages.',
  options: [
    {
      name: 'question',
      type: 'string',
      description: 'Your question, e.g. "What did Putin say about North Korean troops?"',
      required: true,
      maxLength: MAX_QUESTION_LENGTH,
    },
  ],
  privateReply: true,
  fromText: (rest) => ({ name: 'ask', question: rest }),
  fromOptions({ question, offset }) {
    const page = optionalWhole(offset, 0);
    if (typeof question !== 'string' || !page.ok) return undefined;
    return page.value === undefined
      ? { name: 'ask', question }
      : { name: 'ask', question, offset: page.value };
  },
  run: (desk, input) => desk.ask(input.question, { offset: input.offset, asOf: input.asOf }),
};

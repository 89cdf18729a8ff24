/**
 * How fully each kind of indirect match stands for a question word while searching: what a passage's
 * match earns towards its coverage (`credit`) and its BM25 score (`boost`). They decide which passages
 * reach the candidates and how the ranking features see them, so they are fitted with the ranking's
 * weights (`npm run tune -- --credits`, a search over each credit scored on held-out questions) and kept in
 * the one parameters file (`params.ts`, `RankingParams.credits`). The hand-set values they started from are
 * {@link HAND_SET_CREDITS}.
 */
export interface MatchCredits {
  /**
   * A question term found only in a passage's heading or its article's title, or a name the paragraph
   * before names and this one refers back to by a pronoun ("…," he said): they tell what the passage is
   * about in general, but the passage that answers should say it itself.
   */
  context: number;
  /**
   * A role asked about ("the Russian president") in a passage naming someone the article gives that role:
   * the same person, which the words cannot show; not always, as an article may give a role to two people.
   */
  role: number;
  /** Another name of the same country (Pyongyang for North Korea, US for America). */
  place: number;
  /** Another form of the same word (Russian → Russia): it may be about something else (the country, not its people). */
  forms: number;
  /** Another form of an irregular verb (send → sent): the same word, unless the form is also another word ("left"). */
  irregular: number;
  /** Multiplies the BM25 score of a corrected misspelling's match: the word typed right ranks a little above it. */
  corrected: number;
  /** Multiplies an expansion's BM25 score besides its credit: the word asked for itself outranks its relatives. */
  expansion: number;
  /**
   * How much more than the rarest word the articles use a name they never use weighs: a question about
   * someone or somewhere they never mention is about another story.
   */
  unknownName: number;
}

/** The names of {@link MatchCredits}, in the order `npm run tune -- --credits` searches them. */
export const CREDITS = [
  'context',
  'role',
  'place',
  'forms',
  'irregular',
  'corrected',
  'expansion',
  'unknownName',
] as const satisfies readonly (keyof MatchCredits)[];

/** The credits as they were set by hand before they were fitted: where the search starts. */
export const HAND_SET_CREDITS: MatchCredits = {
  context: 0.5,
  role: 0.9,
  place: 0.8,
  forms: 0.7,
  irregular: 0.9,
  corrected: 0.8,
  expansion: 0.8,
  unknownName: 1.25,
};

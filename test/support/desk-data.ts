import { MENTION_PATTERNS } from '../../src/adapters/platforms.ts';
import type { DeskData, DeskOptions } from '../../src/core/desk.ts';
import { PlaceNames } from '../../src/core/search/place-names.ts';
import { countryNames } from '../../src/load/country-names.ts';
import { loadWordVectors } from '../../src/load/word-vectors-files.ts';

/**
 * The data `npm start` answers with (`src/load/desk-data.ts`): the committed word vectors and the
 * countries' names, read once for every test file's desks; and, as `npm start` gives it, the platforms'
 * mention syntax to leave out of questions.
 */
export const deskData: DeskData & Pick<DeskOptions, 'mentions'> = {
  wordVectors: loadWordVectors() ?? null,
  placeNames: new PlaceNames(countryNames()),
  mentions: MENTION_PATTERNS,
};

import type { DeskData } from '../core/desk.ts';
import { once } from '../core/once.ts';
import { PlaceNames } from '../core/search/place-names.ts';
import { countryNames } from './country-names.ts';
import { DATA_DIR, loadWordVectors } from './word-vectors-files.ts';

/**
 * What a desk answers with besides its articles (see `DeskData`): the committed word vectors in `data/`
 * and the world's country names. Both are read on first need, not here, and then kept for every desk
 * given this data: a start that no question has needed them for yet has not read them.
 */
export function loadDeskData(dataDir: URL = DATA_DIR): DeskData {
  return {
    wordVectors: once(() => loadWordVectors(dataDir)),
    placeNames: once(() => new PlaceNames(countryNames())),
  };
}

import { readFileSync } from 'node:fs';
import { WordVectors } from '../core/search/word-vectors.ts';
import { projectFile } from './project-file.ts';

/** Where the committed vectors live: `data/` at the project's root. */
export const DATA_DIR = projectFile('data/');

/**
 * Reads the committed word vectors (`data/word-vectors.*`, written by `npm run build:vectors`), or returns
 * undefined when they are missing, so search works without them (it then matches words only by their
 * spelling). A file that is there but damaged throws, saying how to rebuild it.
 */
export function loadWordVectors(dir: URL = DATA_DIR): WordVectors | undefined {
  let wordList: string;
  let bytes: Uint8Array;
  try {
    wordList = readFileSync(new URL('word-vectors.words.txt', dir), 'utf8');
    bytes = readFileSync(new URL('word-vectors.bin', dir));
  } catch {
    return undefined;
  }
  return WordVectors.decode(wordList, bytes);
}

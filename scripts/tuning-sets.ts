import { existsSync } from 'node:fs';

/** Seeds questions weigh this many realnews ones: the seeds targets are strict, and the set small. */
export const SEEDS_WEIGHT = 3;

/** A public question set with its articles folder, as the tune scripts fit on it. */
export interface TuningSet {
  name: 'seeds' | 'realnews';
  file: string;
  dir: string;
  weight: number;
}

/**
 * The sets `npm run tune` and `npm run tune:sentence` fit on: the repo's seeds set, and `../shared/realnews` when
 * it is present beside the clone (copyrighted: read, never copied).
 */
export function tuningSets(): TuningSet[] {
  const sets: TuningSet[] = [
    { name: 'seeds', file: 'eval/seeds-dev.jsonl', dir: 'seeds', weight: SEEDS_WEIGHT },
    {
      name: 'realnews',
      file: '../shared/realnews/dev.jsonl',
      dir: '../shared/realnews/articles',
      weight: 1,
    },
  ];
  return sets.filter((s) => existsSync(s.file) && existsSync(s.dir));
}

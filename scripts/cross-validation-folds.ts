/**
 * How `npm run tune` splits questions into folds for cross-validation, once per repeat: stratified, so that
 * each fold holds its share of every group (a set's answerable and out-of-scope questions), and seeded, so
 * that the same splits come back on every run and two fits can be compared split by split.
 */

/**
 * Each item's fold (0 … `folds` − 1) in one split: the items of each group (by `groupOf`, in the order
 * given) shuffled by `seed` and dealt out in turn, each group's deal going on where the last one stopped,
 * so the folds stay even in size and every fold holds its share of each group (the out-of-scope questions
 * are few: a fold without any would choose its decline threshold blind).
 */
export function splitIntoFolds(groupOf: readonly string[], folds: number, seed: number): Int8Array {
  const fold = new Int8Array(groupOf.length);
  const random = mulberry32(seed);
  const groups = new Map<string, number[]>();
  for (const [k, group] of groupOf.entries()) {
    const members = groups.get(group);
    if (members) members.push(k);
    else groups.set(group, [k]);
  }
  let dealt = 0;
  for (const members of groups.values()) {
    for (let i = members.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [members[i], members[j]] = [members[j] as number, members[i] as number];
    }
    for (const k of members) fold[k] = dealt++ % folds;
  }
  return fold;
}

/** A small seeded random number generator (mulberry32), numbers in [0, 1): the same splits on every run. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

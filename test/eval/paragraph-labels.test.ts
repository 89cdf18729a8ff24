import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { measureParagraphs, readParagraphLabels } from '../../src/eval/measure-paragraphs.ts';

// Hand labels (article id + paragraph number + label, no text) of 600 paragraphs of the real scraped news in
// ../shared/realnews (copyrighted: read here, never copied into the repo). A fresh clone has no ../shared.
const dir = fileURLToPath(new URL('../../../shared/realnews/articles/', import.meta.url));
const present = existsSync(dir);
if (!present) console.info('test/eval/paragraph-labels.test.ts skipped: ../shared/realnews is absent');

describe.skipIf(!present)(
  'furniture and heading rules on hand-labelled real news (../shared/realnews)',
  () => {
    it('meet the targets: furniture precision ≥ 97% and recall ≥ 90%, heading precision ≥ 95%', async () => {
      const labels = await readParagraphLabels('eval/realnews-paragraph-labels.jsonl');
      expect(labels.length).toBeGreaterThanOrEqual(300);
      const scores = await measureParagraphs(dir, labels);
      expect(scores.furniture.precision).toBeGreaterThanOrEqual(0.97);
      expect(scores.furniture.recall).toBeGreaterThanOrEqual(0.9);
      expect(scores.heading.precision).toBeGreaterThanOrEqual(0.95);
    });
  },
);

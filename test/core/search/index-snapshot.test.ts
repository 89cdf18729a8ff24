import { describe, expect, it } from 'vitest';
import { Desk } from '../../../src/core/desk.ts';
import { INDEX_SNAPSHOT_VERSION } from '../../../src/core/search/minisearch/index-snapshot.ts';
import { deskData } from '../../support/desk-data.ts';
import { seedDesk } from '../../support/seed-desk.ts';

const desk = await seedDesk();
const questions = [
  'How many troops has North Korea sent to Russia?',
  'who is sergey lavrof',
  'Where did Putin and Kim meet?',
  'What is the capital of France?',
  'pyongyangg',
  'What did the army chiefs say?',
];

describe('Desk snapshot', () => {
  it('restores a desk that answers every question exactly as the one snapshotted', async () => {
    const restored = Desk.restore([...desk.snapshot()].join(''), deskData);
    expect(restored.ok).toBe(true);
    if (!restored.ok) return;
    expect(restored.desk.stats).toEqual(desk.stats);
    expect(restored.desk.summaries()).toEqual(desk.summaries());
    for (const question of questions)
      expect(await restored.desk.ask(question)).toEqual(await desk.ask(question));
    expect(await restored.desk.ask('Where did Putin and Kim meet?', { offset: 3 })).toEqual(
      await desk.ask('Where did Putin and Kim meet?', { offset: 3 }),
    );
  });

  it('refuses a snapshot of another version, or a damaged one, with the reason', () => {
    const text = [...desk.snapshot()].join('');
    const older = text.replace(`{"version":${INDEX_SNAPSHOT_VERSION},`, '{"version":0,');
    expect(Desk.restore(older, deskData)).toEqual({
      ok: false,
      reason: `version 0, expected ${INDEX_SNAPSHOT_VERSION}`,
    });
    const cut = Desk.restore(text.slice(0, text.length / 2), deskData);
    expect(cut.ok).toBe(false);
    if (!cut.ok) expect(cut.reason).toMatch(/^not valid JSON/);
  });
});

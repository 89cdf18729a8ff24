import { describe, expect, it } from 'vitest';
import { Desk } from '../../src/core/desk.ts';
import type { Article } from '../../src/core/types.ts';
import { renderJson } from '../../src/render/json.ts';
import { answersTo, comparisonLibrary } from '../support/answer-comparison.ts';
import { deskData } from '../support/desk-data.ts';

/**
 * Adding, changing and removing articles in place (`Desk.update`) must answer exactly as a desk built
 * from the same articles at once: the same passages cited, in the same order, with the same answer.
 */

const { seeds, library, questions } = await comparisonLibrary(80, [
  'who is sergey lavrof',
  'What did Kim say?',
]);
const answers = (desk: Desk) => answersTo(desk, questions);

/** The same article with one paragraph rewritten (and so re-read from its file, a new object). */
function edited(article: Article, text: string): Article {
  const paragraphs = article.paragraphs.map((p, i) => (i === 1 ? { ...p, text } : p));
  return { ...article, paragraphs };
}

const byId = (a: Article, b: Article) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

describe('Desk.update: articles added, changed and removed in place', () => {
  it('answers as a rebuild when articles are added', async () => {
    const first = library.filter((_, i) => i % 3 !== 0);
    const desk = Desk.build(first, deskData);
    await answers(desk); // answered before: every cache is then warm and must follow the change
    const report = await desk.update(library);
    expect(report.added).toHaveLength(library.length - first.length);
    expect(await answers(desk)).toEqual(await answers(Desk.build(library, deskData)));
  });

  it('answers as a rebuild when articles are removed', async () => {
    const desk = Desk.build(library, deskData);
    await answers(desk);
    const rest = library.filter((_, i) => i % 4 !== 1);
    expect((await desk.update(rest)).removed).toHaveLength(library.length - rest.length);
    expect(await answers(desk)).toEqual(await answers(Desk.build(rest, deskData)));
    expect(desk.stats).toMatchObject({ articles: rest.length });
  });

  it('answers as a rebuild when articles change, one after another', async () => {
    const desk = Desk.build(library, deskData);
    desk.warmUp();
    let now = library;
    for (const [at, text] of [
      [0, 'Kim Jong Un praised the harbour engineers for finishing the bridge in record time.'],
      [5, 'The mayor promised the farmers a new dam, said the council on Tuesday.'],
      [0, 'Putin and Kim met again in Vladivostok to discuss the railway.'],
    ] as const) {
      now = now.map((a, i) => (i === at ? edited(a, text) : a));
      expect((await desk.update(now)).changed).toEqual([(now[at] as Article).id]);
    }
    expect(await answers(desk)).toEqual(await answers(Desk.build(now, deskData)));
    const dam = renderJson('', await desk.ask('What did the mayor promise the farmers?'));
    expect(dam.results[0]).toMatchObject({ article: (now[5] as Article).id, paragraph: 2 });
  });

  it('answers as a rebuild after a mix of changes, and from a snapshot taken after them', async () => {
    const desk = Desk.build(library.slice(0, 40), deskData);
    await answers(desk);
    await desk.update(library.slice(10));
    const now = [...library.slice(10)].map((a, i) =>
      i === 3 ? edited(a, 'The Northern Ledger reported a strike at the port.') : a,
    );
    await desk.update(now);
    const rebuilt = Desk.build([...now].sort(byId), deskData);
    expect(await answers(desk)).toEqual(await answers(rebuilt));
    const restored = Desk.restore([...desk.snapshot()].join(''), deskData);
    if (!restored.ok) throw new Error(restored.reason);
    expect(await answers(restored.desk)).toEqual(await answers(rebuilt));
    // The restored desk goes on updating in place.
    await restored.desk.update(library);
    expect(await answers(restored.desk)).toEqual(await answers(Desk.build(library, deskData)));
  });

  it('changes nothing when nothing changed', async () => {
    const desk = Desk.build(library, deskData);
    const builtAt = desk.stats.builtAt;
    expect(await desk.update([...library])).toEqual({ added: [], removed: [], changed: [] });
    expect(desk.stats.builtAt).toBe(builtAt);
  });

  it('Desk.replace builds a new index in steps, the old one answering between them, and answers as a rebuild', async () => {
    const desk = Desk.build(seeds, deskData);
    const question = 'Where did Putin and Kim meet?';
    const before = renderJson(question, await desk.ask(question));
    const during: unknown[] = [];
    let steps = 0;
    await desk.replace(library.slice(0, 30), async () => {
      steps++;
      // What a question arriving between two steps is answered from: the old articles, whole.
      if (steps % 10 === 0) during.push(renderJson(question, await desk.ask(question)));
    });
    expect(steps).toBeGreaterThan(30);
    expect(during.length).toBeGreaterThan(2);
    for (const answer of during) expect(answer).toEqual(before);
    expect(desk.stats.articles).toBe(30);
    expect(await answers(desk)).toEqual(await answers(Desk.build(library.slice(0, 30), deskData)));
  });

  it('warms up in steps with answers between them, and an update meanwhile waits for the warm-up, then answers as a rebuild', async () => {
    const desk = Desk.build(library.slice(0, 40), deskData);
    const question = 'Where did Putin and Kim meet?';
    const during: unknown[] = [];
    let steps = 0;
    let updated = false;
    let updating: Promise<unknown> | undefined;
    const warming = desk.warmUpInSteps(async () => {
      steps++;
      if (steps === 2) updating = desk.update(library).then(() => (updated = true));
      if (steps % 5 === 0) during.push(renderJson(question, await desk.ask(question)));
      // The update waits: the warm-up's parts are made from the index as it was.
      expect(updated).toBe(false);
      await new Promise((resolve) => setImmediate(resolve));
    });
    await warming;
    await updating;
    expect(steps).toBeGreaterThan(5);
    expect(during.length).toBeGreaterThan(0);
    expect(updated).toBe(true);
    expect(await answers(desk)).toEqual(await answers(Desk.build(library, deskData)));
  });

  it('a warm-up stopped by its pause (rejecting) leaves the desk answering and updating', async () => {
    const desk = Desk.build(library.slice(0, 40), deskData);
    await expect(
      desk.warmUpInSteps(() => {
        throw new Error('stopping');
      }),
    ).rejects.toThrow('stopping');
    await desk.update(library);
    expect(await answers(desk)).toEqual(await answers(Desk.build(library, deskData)));
  });
});

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Desk } from '../../src/core/desk.ts';
import { MemoryEngine } from '../../src/core/search/minisearch/memory-engine.ts';
import type { SearchEngine } from '../../src/core/search/search-engine.ts';
import { type Article, silentLogger } from '../../src/core/types.ts';
import { parseEvalSet } from '../../src/eval/score-eval.ts';
import { loadArticles } from '../../src/load/load-articles.ts';
import { deskData } from '../support/desk-data.ts';

const articles: Article[] = await loadArticles('seeds', silentLogger);
const questions = parseEvalSet(
  readFileSync(new URL('../../eval/seeds-dev.jsonl', import.meta.url), 'utf8'),
).map((c) => c.q);
const asOf = new Date('2026-12-01T00:00:00Z');

/** An engine that passes every call on to `inner`, counting calls by method. */
function counted(inner: SearchEngine): { engine: SearchEngine; calls: Map<string, number> } {
  const calls = new Map<string, number>();
  const engine = new Proxy(inner, {
    get(target, name, receiver) {
      const value = Reflect.get(target, name, receiver);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        calls.set(String(name), (calls.get(String(name)) ?? 0) + 1);
        return value.apply(target, args);
      };
    },
  });
  return { engine, calls };
}

describe('a desk over a given engine (Desk.over)', () => {
  it('answers through the port as the desk that builds its own index, in a few calls a question', async () => {
    const built = Desk.build(articles, { ...deskData, now: () => asOf });
    const { engine, calls } = counted(new MemoryEngine(articles, deskData));
    const over = Desk.over(engine, articles, { ...deskData, now: () => asOf });
    for (const q of questions) {
      const before = [...calls.values()].reduce((a, b) => a + b, 0);
      expect(await over.ask(q, { asOf }), q).toEqual(await built.ask(q, { asOf }));
      const made = [...calls.values()].reduce((a, b) => a + b, 0) - before;
      // resolve, candidates, and at most two vocabulary look-ups or suggestions: never one per candidate.
      expect(made, q).toBeGreaterThanOrEqual(2);
      expect(made, q).toBeLessThanOrEqual(4);
    }
    expect(calls.get('resolve')).toBe(questions.length);
    expect(calls.get('candidates')).toBe(questions.length);
  });

  it('has no snapshot and is not rebuilt in memory: the engine keeps its own index', async () => {
    const desk = Desk.over(new MemoryEngine(articles, deskData), articles, deskData);
    expect(() => desk.snapshot()).toThrow(/engine that keeps its own index/);
    await expect(desk.replace(articles)).rejects.toThrow(/give the articles to the engine/);
  });

  it('warms an engine up without waiting, and an engine that cannot warm up fails nothing then', async () => {
    const inner = new MemoryEngine(articles, deskData);
    const failing = Object.assign(Object.create(inner) as SearchEngine, {
      warmUp: () => Promise.reject(new Error('database gone')),
    });
    const rejections: unknown[] = [];
    const onRejection = (reason: unknown) => rejections.push(reason);
    process.on('unhandledRejection', onRejection);
    try {
      Desk.over(failing, articles, deskData).warmUp();
      await new Promise((resolve) => setTimeout(resolve, 20));
    } finally {
      process.off('unhandledRejection', onRejection);
    }
    expect(rejections).toEqual([]);
  });
});

// Asking is asynchronous now: a question may start while another is being answered. The engine's scoring
// state (the MemoryEngine's score board) must not be shared between them.
describe('a desk answering several questions at once', () => {
  it('answers questions in flight at once as it answers them one after the other', async () => {
    const desk = Desk.build(articles, { ...deskData, now: () => asOf });
    const alone = [];
    for (const q of questions) alone.push(await desk.ask(q, { asOf }));
    expect(await Promise.all(questions.map((q) => desk.ask(q, { asOf })))).toEqual(alone);
  });
});

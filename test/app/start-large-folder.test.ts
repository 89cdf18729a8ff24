import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateCorpus, writeCorpus } from '../../bench/generate-corpus.ts';
import { startNewsdesk } from '../../src/app.ts';
import { readConfig } from '../../src/config.ts';
import { silentLogger } from '../../src/core/types.ts';
import { WORKER_BUILD_MIN_PARAGRAPHS } from '../../src/snapshot/open-desk.ts';
import { freePort } from '../support/free-port.ts';

/**
 * A start on a large folder without a snapshot indexes it in a worker thread: `/healthz` answers meanwhile
 * (`starting`, 503), then `ok` with the articles indexed.
 */
describe('start-up on a large folder without a snapshot', () => {
  it('answers /healthz while the index is built, then serves it', { timeout: 120_000 }, async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'newsdesk-large-start-'));
    try {
      const corpus = generateCorpus({ paragraphs: WORKER_BUILD_MIN_PARAGRAPHS, seed: 21 });
      await writeCorpus(dir, corpus);
      const port = await freePort();
      const result = readConfig({
        SEEDS_DIR: dir,
        SNAPSHOT_DIR: 'off',
        HEALTH_PORT: String(port),
        WATCH_ARTICLES: 'false',
      });
      if (!result.ok) throw new Error(result.errors.join('\n'));
      let started = false;
      const starting = startNewsdesk(result.config, { logger: silentLogger }).then((app) => {
        started = true;
        return app;
      });
      const seen: number[] = [];
      let during: unknown;
      while (!started) {
        const reply = await fetch(`http://127.0.0.1:${port}/healthz`).catch(() => undefined);
        if (reply && !started) {
          seen.push(reply.status);
          during = await reply.json();
        }
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      const app = await starting;
      try {
        expect(seen.length).toBeGreaterThan(0);
        expect(new Set(seen)).toEqual(new Set([503]));
        expect(during).toMatchObject({ status: 'starting' });
        const after = await fetch(`http://127.0.0.1:${port}/healthz`);
        expect(after.status).toBe(200);
        expect(await after.json()).toMatchObject({ status: 'ok', articles: corpus.length });
        const reply = await app.desk.ask(corpus[0]?.title ?? '');
        expect(reply.kind).not.toBe('problem');
      } finally {
        await app.stop(0);
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

/**
 * Issue 15 part 10: a snapshot folder that cannot be written (on some systems `/proc/x` makes `mkdir` hang
 * for ever; a hung network mount or a full disk can do the same) never delays shutdown. The write is made
 * to hang here, so the test does not depend on how this machine's `/proc` behaves.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { startNewsdesk } from '../../src/app.ts';
import { readConfig } from '../../src/config.ts';
import { recordingLogger } from '../adapters/discord/harness.ts';

const writes: string[] = [];
vi.mock('../../src/snapshot/desk-snapshot.ts', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../src/snapshot/desk-snapshot.ts')>();
  return {
    ...original,
    writeDeskSnapshot: (place: { dir: string }) => {
      writes.push(place.dir);
      return new Promise<void>(() => {}); // never settles
    },
  };
});

let dir: string | undefined;
afterEach(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('a snapshot write that never settles', () => {
  it('does not hold up start-up or shutdown, and is reported', async () => {
    dir = await mkdtemp(join(tmpdir(), 'newsdesk-snapshot-'));
    const result = readConfig({ WATCH_ARTICLES: 'false', SNAPSHOT_DIR: dir });
    if (!result.ok) throw new Error(result.errors.join('\n'));
    const logger = recordingLogger();
    const app = await startNewsdesk(result.config, { logger, snapshot: { delayMs: 0, deadlineMs: 50 } });
    expect(app.health().status).toBe('ok');
    await vi.waitFor(() => expect(writes).toEqual([dir]));
    expect(await app.stop(0)).toEqual({ undelivered: 0 });
    expect(logger.lines.some((l) => l.message.includes('index snapshot was still being written'))).toBe(true);
  });
});

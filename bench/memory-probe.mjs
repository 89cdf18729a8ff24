/**
 * Preloaded into a Newsdesk process by `bench/measure-memory.ts` (`node --expose-gc --import …`): on
 * SIGUSR2 it collects garbage fully and writes `process.memoryUsage()` as one JSON line to the file named
 * by `NEWSDESK_MEMORY_PROBE`, so the heap of a real `npm start` process is read from outside it.
 */
import { appendFileSync } from 'node:fs';

const file = process.env.NEWSDESK_MEMORY_PROBE;
if (file) {
  process.on('SIGUSR2', () => {
    // Twice: the first pass can leave objects that only die once their finalizers ran.
    globalThis.gc?.();
    globalThis.gc?.();
    appendFileSync(
      file,
      `${JSON.stringify({ collected: typeof globalThis.gc === 'function', ...process.memoryUsage() })}\n`,
    );
  });
}

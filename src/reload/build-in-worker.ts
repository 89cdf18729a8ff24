import { type ResourceLimits, Worker } from 'node:worker_threads';
import type { IndexBuilder, Pause } from '../core/desk.ts';
import type { IndexData, TermRow } from '../core/search/minisearch/index-transfer.ts';
import type { Article } from '../core/types.ts';

/** What the answering thread tells the index worker (`index-build-worker.ts`). */
export type ToIndexWorker =
  | { kind: 'articles'; articles: Article[] }
  | { kind: 'build' }
  /** Send the next message of the index. */
  | { kind: 'next' };

/** What the index worker answers: the index in pieces, then `end`; or why it could not build it. */
export type FromIndexWorker =
  | { kind: 'built'; data: IndexData }
  | { kind: 'termRows'; rows: TermRow[] }
  | { kind: 'postingTerms'; terms: string[] }
  | { kind: 'end' }
  | { kind: 'failed'; reason: string };

/** Articles per message to the worker: serializing a message holds this thread, so each is small. */
const ARTICLES_PER_MESSAGE = 25;

/**
 * A {@link IndexBuilder} that builds in a worker thread of its own, started for the build and ended after
 * it: `Desk.replace` then takes the index up in steps, so that answers never wait for more than a step,
 * where a build on this thread paused them for its garbage collection. `resourceLimits` bound the
 * worker's heap (tests: a worker that runs out of memory fails the build, not the process).
 */
export function buildInWorker(options: { resourceLimits?: ResourceLimits } = {}): IndexBuilder {
  return (articles, pause) => buildIndexWith(startWorker(options.resourceLimits), articles, pause);
}

/**
 * Has a worker started on `index-build-worker.ts` (or its bundle) build the articles' index, and ends it.
 * Rejects when the worker fails or ends first.
 */
export async function buildIndexWith(
  worker: Worker,
  articles: readonly Article[],
  pause: Pause,
): Promise<IndexData> {
  const inbox = messagesFrom(worker);
  try {
    for (let at = 0; at < articles.length; at += ARTICLES_PER_MESSAGE) {
      await pause();
      post(worker, { kind: 'articles', articles: articles.slice(at, at + ARTICLES_PER_MESSAGE) });
    }
    post(worker, { kind: 'build' });
    const first = await inbox.next();
    if (first.kind !== 'built') throw unexpected(first);
    const { data } = first;
    for (;;) {
      await pause();
      post(worker, { kind: 'next' });
      const message = await inbox.next();
      if (message.kind === 'end') return data;
      if (message.kind === 'termRows') for (const row of message.rows) data.termRows.push(row);
      else if (message.kind === 'postingTerms')
        for (const term of message.terms) data.postings.terms.push(term);
      else throw unexpected(message);
    }
  } finally {
    void worker.terminate();
  }
}

function post(worker: Worker, message: ToIndexWorker): void {
  worker.postMessage(message);
}

function unexpected(message: FromIndexWorker): Error {
  return new Error(
    message.kind === 'failed'
      ? `building the index in a worker thread failed: ${message.reason}`
      : `the index worker sent "${message.kind}" out of turn`,
  );
}

/**
 * The worker's messages one at a time (the protocol asks for one and waits for it), or the worker's
 * failure: an uncaught error, or its end (out of memory, terminated) before it sent what was asked.
 */
function messagesFrom(worker: Worker): { next(): Promise<FromIndexWorker> } {
  const waiting: { resolve(m: FromIndexWorker): void; reject(e: Error): void }[] = [];
  const arrived: FromIndexWorker[] = [];
  let failure: Error | undefined;
  const fail = (error: Error) => {
    failure ??= error;
    for (const w of waiting.splice(0)) w.reject(failure);
  };
  worker.on('message', (message: FromIndexWorker) => {
    const w = waiting.shift();
    if (w) w.resolve(message);
    else arrived.push(message);
  });
  worker.on('error', (error) => fail(new Error(`the index worker failed: ${error.message}`)));
  worker.on('exit', (code) => fail(new Error(`the index worker stopped (exit code ${code})`)));
  return {
    next() {
      const message = arrived.shift();
      if (message) return Promise.resolve(message);
      if (failure) return Promise.reject(failure);
      return new Promise((resolve, reject) => waiting.push({ resolve, reject }));
    },
  };
}

/**
 * The worker thread, from the bundle `npm start` runs (`dist/index-build-worker.js`, beside this code
 * bundled), or from the TypeScript sources when they run as they are (tests, benchmarks: through tsx, a
 * devDependency, as the thread running them does).
 */
function startWorker(resourceLimits: ResourceLimits | undefined): Worker {
  const here = import.meta.url;
  if (!here.endsWith('.ts')) return new Worker(new URL('./index-build-worker.js', here), { resourceLimits });
  const source = JSON.stringify(new URL('./index-build-worker.ts', here).href);
  return new Worker(`import('tsx/esm/api').then(({ tsImport }) => tsImport(${source}, ${source}))`, {
    eval: true,
    resourceLimits,
  });
}

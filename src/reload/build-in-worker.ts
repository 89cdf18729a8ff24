import { type ResourceLimits, Worker } from 'node:worker_threads';
import type { IndexBuilder, Pause } from '../core/desk.ts';
import type { IndexData, TermRow } from '../core/search/minisearch/index-transfer.ts';
import type { Article } from '../core/types.ts';
import type { SnapshotFileEntry, SnapshotText } from '../snapshot/desk-snapshot.ts';

/** What the answering thread tells the index worker (`index-build-worker.ts`). */
export type ToIndexWorker =
  | { kind: 'articles'; articles: Article[] }
  | { kind: 'build' }
  /** Read the snapshot file, if its key is `key` (`snapshot/desk-snapshot.ts`). */
  | { kind: 'restore'; file: string; key: string }
  /** Send the next message of the index. */
  | { kind: 'next' };

/**
 * What the index worker answers: the index in pieces (a restored snapshot's articles among them), then
 * `end`; or why it could not build it; or why the snapshot is not to be restored.
 */
export type FromIndexWorker =
  | { kind: 'built'; data: IndexData }
  | { kind: 'restored'; data: IndexData; builtAt: string; files: SnapshotFileEntry[] }
  | { kind: 'notRestored'; why: Exclude<SnapshotText['kind'], 'found'> | 'unusable'; reason?: string }
  | { kind: 'restoredArticles'; articles: Article[] }
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
    await receiveRest(worker, inbox, data, [], pause);
    return data;
  } finally {
    void worker.terminate();
  }
}

/** What {@link restoreInWorker} found: a snapshot's articles and index, or why there is none to restore. */
export type RestoredInWorker =
  | { kind: 'restored'; articles: Article[]; data: IndexData; builtAt: string; files: SnapshotFileEntry[] }
  | { kind: 'missing' | 'unreadable' | 'stale' }
  | { kind: 'unusable'; reason: string };

/**
 * Has a worker thread read and parse the snapshot file (when its key is `key`: see `desk-snapshot.ts`)
 * and hand back its articles and index as data, a message at a time, `pause` awaited between them:
 * parsing a 100k-paragraph snapshot holds a thread for seconds. Rejects when the worker fails.
 */
export async function restoreInWorker(
  file: string,
  key: string,
  pause: Pause,
  options: { resourceLimits?: ResourceLimits } = {},
): Promise<RestoredInWorker> {
  const worker = startWorker(options.resourceLimits);
  const inbox = messagesFrom(worker);
  try {
    post(worker, { kind: 'restore', file, key });
    const first = await inbox.next();
    if (first.kind === 'notRestored')
      return first.why === 'unusable'
        ? { kind: 'unusable', reason: first.reason ?? 'unknown' }
        : { kind: first.why };
    if (first.kind !== 'restored') throw unexpected(first);
    const articles: Article[] = [];
    await receiveRest(worker, inbox, first.data, articles, pause);
    return { kind: 'restored', articles, data: first.data, builtAt: first.builtAt, files: first.files };
  } finally {
    void worker.terminate();
  }
}

/** Asks for the rest of the index's messages after the first, one at a time, and puts them in place. */
async function receiveRest(
  worker: Worker,
  inbox: { next(): Promise<FromIndexWorker> },
  data: IndexData,
  articles: Article[],
  pause: Pause,
): Promise<void> {
  for (;;) {
    await pause();
    post(worker, { kind: 'next' });
    const message = await inbox.next();
    if (message.kind === 'end') return;
    if (message.kind === 'termRows') for (const row of message.rows) data.termRows.push(row);
    else if (message.kind === 'postingTerms')
      for (const term of message.terms) data.postings.terms.push(term);
    else if (message.kind === 'restoredArticles') for (const a of message.articles) articles.push(a);
    else throw unexpected(message);
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

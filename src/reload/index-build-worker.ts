/**
 * The worker thread that builds an index for `build-in-worker.ts`: it is given the articles, builds their
 * index with its own heap (so that the build's garbage is collected here, not between answers), and
 * hands the index back as numbers (`index-transfer.ts`), a message at a time as the answering thread asks
 * for them: each message is read whole by that thread, so none may be large.
 */
import { readlinkSync } from 'node:fs';
import { getPriority, setPriority } from 'node:os';
import { parentPort, type TransferListItem } from 'node:worker_threads';
import { snapshotIndexData } from '../core/search/minisearch/index-snapshot.ts';
import { buildIndexData, type IndexData } from '../core/search/minisearch/index-transfer.ts';
import type { Article } from '../core/types.ts';
import { readSnapshotText } from '../snapshot/desk-snapshot.ts';
import type { FromIndexWorker, ToIndexWorker } from './build-in-worker.ts';

/** Term rows per message (each a handful of strings and numbers). */
const ROWS_PER_MESSAGE = 2_000;
/** Terms of the postings per message. */
const TERMS_PER_MESSAGE = 10_000;
/** A restored snapshot's articles per message (each a few thousand words). */
const ARTICLES_PER_MESSAGE = 100;

const port = parentPort;
if (!port) throw new Error('index-build-worker.ts runs as a worker thread (see build-in-worker.ts)');

/**
 * This thread's scheduling priority (nice, 0–19: higher yields more): the worker must not take the CPU from
 * the thread that answers. On a 2-core machine a full re-index's worker, at the same priority, kept the
 * answering thread waiting for a core for up to hundreds of milliseconds. Not the lowest (19): on a machine
 * busy with other work, the re-index would then hardly run at all.
 */
const WORKER_NICE = 10;

lowerPriority();

/**
 * Lowers this thread's own priority (Linux gives each thread its own nice value; `os.setPriority` with a
 * thread id sets that thread's). Elsewhere, or when not allowed, the worker keeps the process's priority.
 */
function lowerPriority(): void {
  try {
    const threadId = Number(readlinkSync('/proc/thread-self').split('/').pop());
    if (Number.isInteger(threadId) && threadId > 0)
      setPriority(threadId, Math.max(getPriority(threadId), WORKER_NICE));
  } catch {
    // Not Linux (no /proc/thread-self), or the priority cannot be changed: nothing else to do.
  }
}

const articles: Article[] = [];
let outbox: { message: FromIndexWorker; transfer: TransferListItem[] }[] = [];

port.on('message', (message: ToIndexWorker) => {
  try {
    if (message.kind === 'articles') articles.push(...message.articles);
    else if (message.kind === 'build') {
      outbox = messagesOf(buildIndexData(articles));
      articles.length = 0;
      sendNext();
    } else if (message.kind === 'restore') restore(message.file, message.key).catch(failed);
    else sendNext();
  } catch (error) {
    failed(error);
  }
});

function failed(error: unknown): void {
  port?.postMessage({
    kind: 'failed',
    reason: error instanceof Error ? error.message : String(error),
  } satisfies FromIndexWorker);
}

/** Reads and parses the snapshot file here, and queues its articles and index as messages. */
async function restore(file: string, key: string): Promise<void> {
  const read = await readSnapshotText(file, key);
  if (read.kind !== 'found') {
    port?.postMessage({ kind: 'notRestored', why: read.kind } satisfies FromIndexWorker);
    return;
  }
  const parsed = snapshotIndexData(read.body);
  if (!parsed.ok) {
    port?.postMessage({
      kind: 'notRestored',
      why: 'unusable',
      reason: parsed.reason,
    } satisfies FromIndexWorker);
    return;
  }
  const [head, ...rest] = messagesOf(parsed.data);
  if (head?.message.kind !== 'built') throw new Error('index-build-worker: no index to send');
  const first = {
    message: { kind: 'restored', data: head.message.data, builtAt: parsed.builtAt, files: read.header.files },
    transfer: head.transfer,
  } satisfies (typeof outbox)[number];
  const articleMessages: typeof outbox = [];
  for (let at = 0; at < parsed.articles.length; at += ARTICLES_PER_MESSAGE)
    articleMessages.push({
      message: { kind: 'restoredArticles', articles: parsed.articles.slice(at, at + ARTICLES_PER_MESSAGE) },
      transfer: [],
    });
  outbox = [first, ...articleMessages, ...rest];
  sendNext();
}

function sendNext(): void {
  const next = outbox.shift() ?? { message: { kind: 'end' }, transfer: [] };
  port?.postMessage(next.message, next.transfer);
}

/** The index as messages: the typed arrays first (moved, not copied), then the lists in chunks. */
function messagesOf(data: IndexData): typeof outbox {
  const { termRows, postings, passageTerms } = data;
  const head: IndexData = { ...data, termRows: [], postings: { ...postings, terms: [] } };
  const transfer = [
    ...(data.passageIds ? [data.passageIds.buffer] : []),
    passageTerms.codes.buffer,
    passageTerms.starts.buffer,
    postings.starts.buffer,
    postings.docs.buffer,
    postings.tfs.buffer,
    postings.lengths.buffer,
  ] as TransferListItem[];
  const messages: typeof outbox = [{ message: { kind: 'built', data: head }, transfer }];
  for (let at = 0; at < termRows.length; at += ROWS_PER_MESSAGE)
    messages.push({
      message: { kind: 'termRows', rows: termRows.slice(at, at + ROWS_PER_MESSAGE) },
      transfer: [],
    });
  for (let at = 0; at < postings.terms.length; at += TERMS_PER_MESSAGE)
    messages.push({
      message: { kind: 'postingTerms', terms: postings.terms.slice(at, at + TERMS_PER_MESSAGE) },
      transfer: [],
    });
  return messages;
}

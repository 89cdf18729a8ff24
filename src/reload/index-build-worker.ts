/**
 * The worker thread that builds an index for `build-in-worker.ts`: it is given the articles, builds their
 * index with its own heap (so that the build's garbage is collected here, not between answers), and
 * hands the index back as numbers (`index-transfer.ts`), a message at a time as the answering thread asks
 * for them: each message is read whole by that thread, so none may be large.
 */
import { parentPort, type TransferListItem } from 'node:worker_threads';
import { buildIndexData, type IndexData } from '../core/search/minisearch/index-transfer.ts';
import type { Article } from '../core/types.ts';
import type { FromIndexWorker, ToIndexWorker } from './build-in-worker.ts';

/** Term rows per message (each a handful of strings and numbers). */
const ROWS_PER_MESSAGE = 2_000;
/** Terms of the postings per message. */
const TERMS_PER_MESSAGE = 10_000;

const port = parentPort;
if (!port) throw new Error('index-build-worker.ts runs as a worker thread (see build-in-worker.ts)');

const articles: Article[] = [];
let outbox: { message: FromIndexWorker; transfer: TransferListItem[] }[] = [];

port.on('message', (message: ToIndexWorker) => {
  try {
    if (message.kind === 'articles') articles.push(...message.articles);
    else if (message.kind === 'build') {
      outbox = messagesOf(buildIndexData(articles));
      articles.length = 0;
      sendNext();
    } else sendNext();
  } catch (error) {
    port.postMessage({
      kind: 'failed',
      reason: error instanceof Error ? error.message : String(error),
    } satisfies FromIndexWorker);
  }
});

function sendNext(): void {
  const next = outbox.shift() ?? { message: { kind: 'end' }, transfer: [] };
  port?.postMessage(next.message, next.transfer);
}

/** The index as messages: the typed arrays first (moved, not copied), then the lists in chunks. */
function messagesOf(data: IndexData): typeof outbox {
  const { termRows, postings, passageTerms, documents } = data;
  const head: IndexData = { ...data, termRows: [], postings: { terms: [], codes: postings.codes } };
  const transfer = [
    passageTerms.codes.buffer,
    passageTerms.starts.buffer,
    documents.ids.buffer,
    documents.fieldLengths.buffer,
    postings.codes.buffer,
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

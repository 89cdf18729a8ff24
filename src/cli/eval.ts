/**
 * `npm run eval [-- <questions.jsonl>] [--articles <dir>]`: scores the answers on a question set (default
 * the repo's own seeds set, `eval/seeds-dev.jsonl`, on the articles of `SEEDS_DIR`, default `seeds/`) and
 * prints hit@1, hit@3, declines, answer phrases, multi-article and furniture, for Newsdesk and, beside it,
 * plain MiniSearch. A question with an `as_of` day is asked as of that day, by both. With
 * `SEARCH_BACKEND=postgres` and `DATABASE_URL`, the articles are synced into that database and answered
 * through the PostgreSQL engine (to compare the engines: run it both ways).
 */
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { MENTION_PATTERNS } from '../adapters/platforms.ts';
import { secretsOf } from '../config.ts';
import { runCommand } from '../core/commands/run-command.ts';
import { NewsdeskError } from '../core/errors.ts';
import { minisearchBaseline } from '../eval/minisearch-baseline.ts';
import { formatEvalReport, parseEvalSet, scoreEval, targetsFor } from '../eval/score-eval.ts';
import { loadDeskData } from '../load/desk-data.ts';
import { loadDesk } from '../load-desk.ts';
import { createLogger } from '../logging/create-logger.ts';
import { ArticleLibrary } from '../reload/article-library.ts';
import { renderJson } from '../render/json.ts';
import { exitWithError, readEnvConfig } from './read-env-config.ts';

const USAGE =
  'Usage: npm run eval [-- <questions.jsonl>] [--articles <dir>]   (default eval/seeds-dev.jsonl on SEEDS_DIR)';

function readArgs(): { file: string; articles?: string } | undefined {
  try {
    const { values, positionals } = parseArgs({
      options: { articles: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
      allowPositionals: true,
      strict: true,
    });
    if (values.help) {
      process.stdout.write(`${USAGE}\n`);
      return undefined;
    }
    if (positionals.length > 1) throw new Error(`one question file, not ${positionals.length}`);
    return { file: positionals[0] ?? 'eval/seeds-dev.jsonl', articles: values.articles };
  } catch (error) {
    // Node's own advice on '--' after an unknown option is about its parser, not this command: cut it.
    const message = (error as Error).message.replace(/\. To specify a positional argument[\s\S]*$/, '');
    process.stderr.write(`npm run eval: ${message}\n${USAGE}\n`);
    process.exitCode = 2;
    return undefined;
  }
}

/** Closes the PostgreSQL engine's connections, when the eval opened one (they would keep the process running). */
let closeEngine: (() => Promise<void>) | undefined;

try {
  const args = readArgs();
  if (args) {
    const config = readEnvConfig();
    const logger = createLogger({ level: 'warn', secrets: secretsOf(config) });
    const seedsDir = args.articles ?? config.seedsDir;
    // SEARCH_BACKEND=postgres: the articles are synced into DATABASE_URL and answered through PostgreSQL,
    // to compare the engines. Otherwise always indexed afresh: the eval measures the code as it is now,
    // never an index a snapshot kept.
    const library = new ArticleLibrary({ dir: seedsDir, logger });
    const postgres =
      config.searchBackend === 'postgres'
        ? await (await import('../search/postgres/open-postgres-desk.ts')).openPostgresDesk({
            databaseUrl: config.databaseUrl as string,
            library,
            logger,
            maxPassages: config.maxPassages,
            mentions: MENTION_PATTERNS,
            ...loadDeskData(),
          })
        : undefined;
    closeEngine = postgres?.close;
    const desk =
      postgres?.desk ?? (await loadDesk({ ...config, seedsDir, snapshotDir: undefined }, logger)).desk;
    const text = await readFile(args.file, 'utf8').catch((error: NodeJS.ErrnoException) => {
      throw new NewsdeskError(
        'eval-set',
        `cannot read the question file "${args.file}" (${error.code ?? error.message}).`,
      );
    });
    const cases = (() => {
      try {
        return parseEvalSet(text);
      } catch (error) {
        throw new NewsdeskError('eval-set', `${args.file}: ${(error as Error).message}.`);
      }
    })();
    const isFurniture = async (article: string, paragraph: number) =>
      (await desk.getArticle(article))?.paragraphs[paragraph - 1]?.kind === 'furniture';
    const report = await scoreEval(
      cases,
      async (q, asOf) => renderJson(q, await runCommand(desk, { name: 'ask', question: q, asOf })),
      isFurniture,
    );
    // The baseline indexes the folder's articles in memory (a desk over PostgreSQL holds no text).
    const baseline = await scoreEval(
      cases,
      minisearchBaseline(postgres ? library.articles() : desk.articles()),
      isFurniture,
    );
    const dated = cases.some((c) => c.as_of !== undefined) ? '; each question as of its as_of' : '';
    process.stdout.write(
      `Eval: ${args.file} (articles: ${seedsDir}${dated}${postgres ? '; PostgreSQL engine' : ''})\n${formatEvalReport(report, baseline, targetsFor(cases))}\n`,
    );
  }
} catch (error) {
  exitWithError(error);
} finally {
  await closeEngine?.();
}

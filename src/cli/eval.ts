/**
 * `npm run eval [-- path/to/set.jsonl]`: scores the answers on an eval set (default
 * the repo's own seeds set, `eval/seeds-dev.jsonl`) and prints hit@1, hit@3, declines, answer phrases, multi-article and furniture.
 */
import { readFile } from 'node:fs/promises';
import { runCommand } from '../core/commands/run-command.ts';
import { formatEvalReport, parseEvalSet, scoreEval } from '../eval/score-eval.ts';
import { loadDesk } from '../load-desk.ts';
import { createStderrLogger } from '../logger.ts';
import { renderJson } from '../render/json.ts';
import { exitWithError, readEnvConfig } from './read-env-config.ts';

try {
  const file = process.argv[2] ?? 'eval/seeds-dev.jsonl';
  const config = readEnvConfig();
  // Always indexed afresh: the eval measures the code as it is now, never an index a snapshot kept.
  const { desk } = await loadDesk(
    { ...config, snapshotDir: undefined },
    createStderrLogger({ level: 'warn' }),
  );
  const cases = parseEvalSet(await readFile(file, 'utf8'));
  const report = scoreEval(
    cases,
    (q) => renderJson(q, runCommand(desk, { name: 'ask', question: q })),
    (article, paragraph) => desk.getArticle(article)?.paragraphs[paragraph - 1]?.kind === 'furniture',
  );
  process.stdout.write(`Eval: ${file}\n${formatEvalReport(report)}\n`);
} catch (error) {
  exitWithError(error);
}

import { readFile, writeFile } from 'node:fs/promises';

/**
 * Puts `markdown` in bench/RESULTS.md between the markers named `name` (added at the end, under `heading`, the
 * first time), leaving the rest of the file as it is: each benchmark owns one section, so one run never erases
 * another's figures.
 */
export async function writeResultsSection(name: string, heading: string, command: string, markdown: string) {
  const file = new URL('./RESULTS.md', import.meta.url);
  const text = await readFile(file, 'utf8');
  const start = `<!-- ${name} figures: rewritten by \`${command}\` -->`;
  const end = `<!-- end of ${name} figures -->`;
  const block = `${start}\n${markdown}\n${end}`;
  const at = text.indexOf(start);
  const next =
    at >= 0
      ? `${text.slice(0, at)}${block}${text.slice(text.indexOf(end, at) + end.length)}`
      : `${text.trimEnd()}\n\n## ${heading}\n\n${block}\n`;
  await writeFile(file, next);
}

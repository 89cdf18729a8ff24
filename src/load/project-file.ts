import { existsSync } from 'node:fs';

let root: URL | undefined;

/**
 * The URL of a file or folder of the project, relative to the folder holding `package.json`: the same
 * whether this code runs from `src/` (through tsx, or in the tests) or bundled into `dist/` (see
 * `scripts/build.mjs`), where a path relative to the module itself would point elsewhere.
 */
export function projectFile(relative: string): URL {
  root ??= findRoot();
  return new URL(relative, root);
}

function findRoot(): URL {
  let dir = new URL('./', import.meta.url);
  for (let up = 0; up < 6; up++) {
    if (existsSync(new URL('package.json', dir))) return dir;
    dir = new URL('../', dir);
  }
  throw new Error('Newsdesk: cannot find the project folder (package.json) above this module');
}

import { cp, mkdir, mkdtemp, readFile, rm, symlink, utimes, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENTRIES, WORKERS } from '../../scripts/entries.mjs';
import { runProcess, TSX } from '../support/run-process.ts';

describe('scripts/run.mjs (npm start, ask, eval)', () => {
  it('answers exactly as the TypeScript sources do', async () => {
    const question = 'Who is Sergey Lavrov?';
    const launched = await runProcess('node', ['scripts/run.mjs', 'ask', '--json', question]);
    const direct = await runProcess(TSX, ['src/cli/ask.ts', '--json', question]);
    expect(launched.code).toBe(0);
    expect(JSON.parse(launched.stdout)).toEqual(JSON.parse(direct.stdout));
  });

  it('says how to use it when the command is unknown', async () => {
    const { code, stderr } = await runProcess('node', ['scripts/run.mjs', 'nope']);
    expect(code).toBe(2);
    expect(stderr).toContain('Usage: node scripts/run.mjs <main|ask|eval|ingest|sync|deploy>');
  });

  describe('in a project whose bundle says "bundle" and whose sources say "source"', () => {
    let dir: string;
    const run = () => runProcess('node', [path.join(dir, 'scripts/run.mjs'), 'ask', 'extra', 'words']);
    const at = (p: string) => path.join(dir, p);
    const age = async (p: string, secondsAgo: number) => {
      const t = new Date(Date.now() - secondsAgo * 1000);
      await utimes(at(p), t, t);
    };

    beforeAll(async () => {
      dir = await mkdtemp(path.join(os.tmpdir(), 'newsdesk-launcher-'));
      await mkdir(at('scripts'));
      await cp('scripts/run.mjs', at('scripts/run.mjs'));
      await cp('scripts/entries.mjs', at('scripts/entries.mjs'));
      await cp('scripts/build.mjs', at('scripts/build.mjs'));
      for (const file of ['package.json', 'package-lock.json', 'tsconfig.json']) await cp(file, at(file));
      await symlink(path.resolve('node_modules'), at('node_modules'));
      // Every entry point the build bundles (worker threads too); only ask says anything.
      for (const entry of [...Object.values(ENTRIES), ...Object.values(WORKERS)]) {
        await mkdir(path.dirname(at(entry)), { recursive: true });
        await writeFile(at(entry), 'export {};\n');
      }
      await writeFile(at('src/cli/ask.ts'), "console.log('source', process.argv.slice(2).join(' '));\n");
      await mkdir(at('dist'));
      await writeFile(at('dist/ask.js'), "console.log('bundle', process.argv.slice(2).join(' '));\n");
      for (const p of ['scripts/run.mjs', 'scripts/entries.mjs', 'scripts/build.mjs', 'package.json'])
        await age(p, 60);
      for (const p of [
        'package-lock.json',
        'tsconfig.json',
        ...Object.values(ENTRIES),
        ...Object.values(WORKERS),
      ])
        await age(p, 60);
    });
    afterAll(() => rm(dir, { recursive: true, force: true }));

    it('builds the bundle from the sources when nothing was built, and runs it', async () => {
      expect((await run()).stdout).toBe('source extra words\n');
      expect(await readFile(at('dist/ask.js'), 'utf8')).toContain('source');
    });

    it('runs the bundle when it was built after the last change, with the same arguments', async () => {
      await writeFile(at('dist/ask.js'), "console.log('bundle', process.argv.slice(2).join(' '));\n");
      await writeFile(at('dist/build-stamp'), 'now\n');
      expect((await run()).stdout).toBe('bundle extra words\n');
    });

    it('rebuilds the bundle once a source is edited, and runs the edit', async () => {
      await age('dist/build-stamp', 30);
      await writeFile(at('src/cli/ask.ts'), "console.log('edited', process.argv.slice(2).join(' '));\n");
      expect((await run()).stdout).toBe('edited extra words\n');
    });
  });
});

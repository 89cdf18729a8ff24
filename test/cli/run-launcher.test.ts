import { spawn } from 'node:child_process';
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

    describe('npm start on PostgreSQL', () => {
      const start = (env: Record<string, string>) =>
        runProcess('node', [at('scripts/run.mjs'), 'main', 'more'], { env: { NODE_OPTIONS: '', ...env } });
      beforeAll(async () => {
        // A bot that says its heap limit and arguments (once it listens for SIGTERM), and how it was stopped.
        await writeFile(
          at('dist/main.js'),
          [
            "import v8 from 'node:v8';",
            "process.on('SIGTERM', () => { console.log('stopping'); process.exit(0); });",
            "console.log(Math.round(v8.getHeapStatistics().heap_size_limit / 2 ** 20), process.argv.slice(2).join(' '));",
            'if (process.env.WAIT) setTimeout(() => process.exit(9), 20_000); else process.exit(0);',
          ].join('\n'),
        );
        await writeFile(at('dist/build-stamp'), 'now\n');
      });
      const limit = (stdout: string) => Number(stdout.split(' ')[0]);

      it('caps the bot’s old generation, so a long-running bot stays small', async () => {
        const { code, stdout } = await start({ SEARCH_BACKEND: 'postgres' });
        expect(code).toBe(0);
        expect(limit(stdout)).toBeLessThan(1024);
        expect(stdout).toContain(' more\n');
      });

      it('leaves the memory engine, and a cap given in NODE_OPTIONS, as they are', async () => {
        expect(limit((await start({ SEARCH_BACKEND: 'memory' })).stdout)).toBeGreaterThan(1024);
        const given = await start({ SEARCH_BACKEND: 'postgres', NODE_OPTIONS: '--max-old-space-size=2048' });
        expect(limit(given.stdout)).toBeGreaterThan(1024);
      });

      it('passes SIGTERM on to the bot and ends as it ends', async () => {
        const child = spawn('node', [at('scripts/run.mjs'), 'main'], {
          env: { ...process.env, SEARCH_BACKEND: 'postgres', NODE_OPTIONS: '', WAIT: '1' },
        });
        let stdout = '';
        child.stdout.on('data', (chunk) => {
          stdout += chunk;
          if (/^\d+/.test(stdout)) child.kill('SIGTERM');
        });
        const code = await new Promise((resolve) => child.on('close', resolve));
        expect(stdout).toContain('stopping');
        expect(code).toBe(0);
      });
    });
  });
});

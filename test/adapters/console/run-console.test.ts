import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { runConsole } from '../../../src/adapters/console/run-console.ts';
import { silentLogger } from '../../../src/core/types.ts';
import { runProcess, TSX } from '../../support/run-process.ts';
import { seedDesk } from '../../support/seed-desk.ts';

async function session(lines: string[]): Promise<string> {
  const input = new PassThrough();
  const output = new PassThrough();
  let text = '';
  output.on('data', (chunk) => {
    text += chunk;
  });
  const done = runConsole({ desk: await seedDesk(), input, output, logger: silentLogger });
  input.end(`${lines.join('\n')}\n`);
  await done;
  return text;
}

describe('the console', () => {
  it('greets with what is indexed and how to turn on Discord and Slack', async () => {
    const text = await session([]);
    expect(text).toContain('Newsdesk — 2 articles · 30 paragraphs indexed.');
    expect(text).toContain('DISCORD_TOKEN');
    expect(text).toContain('SLACK_BOT_TOKEN');
    expect(text.trimEnd().endsWith('Bye.')).toBe(true);
  });

  it('answers plain text, runs slash commands and pages with /more', async () => {
    const text = await session(['North Korea Russia', '/more', '/sources', '/article 004 5', '/help']);
    expect(text).toContain('Q: North Korea Russia');
    expect(text).toContain('[4] ');
    expect(text).toContain('004_0e424af2726a1a76 — North Korean leader');
    expect(text).toContain('¶5 Putin is expected to travel to Vietnam on Wednesday evening.');
    expect(text).toContain('Or just type a question.');
  });

  it('stops at /quit and ignores what follows', async () => {
    const text = await session(['/quit', 'Who is Sergey Lavrov?']);
    expect(text).not.toContain('Q: Who is Sergey Lavrov?');
  });
});

describe('npm start without tokens', () => {
  it('opens the console, answers from stdin and exits 0 at end of input', async () => {
    const { code, stdout } = await runProcess(TSX, ['src/main.ts'], { stdin: 'Who is Sergey Lavrov?\n' });
    expect(code).toBe(0);
    expect(stdout).toContain('newsdesk> ');
    expect(stdout).toContain('A: ');
    expect(stdout).toContain('Foreign Minister');
  });

  it('reports every bad setting at once and exits 1 without echoing secrets', async () => {
    const { code, stderr } = await runProcess(TSX, ['src/main.ts'], {
      env: { SLACK_BOT_TOKEN: 'not-a-bot-token-SECRET123', MAX_PASSAGES: 'lots' },
    });
    expect(code).toBe(1);
    expect(stderr).toContain('MAX_PASSAGES');
    expect(stderr).toContain('SLACK_BOT_TOKEN should be a bot token');
    expect(stderr).toContain('SLACK_APP_TOKEN (Socket Mode) or SLACK_SIGNING_SECRET');
    expect(stderr).not.toContain('SECRET123');
  });
});

import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { consoleLogSink } from '../../../src/adapters/console/log-sink.ts';
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

describe('the console, for a new user (issue 13)', () => {
  it('says an unknown /command is unknown and lists the commands', async () => {
    const text = await session(['/foo']);
    expect(text).toContain('Unknown command /foo. The commands are:');
    expect(text).toMatch(/\/more\s+Show the next results/);
    expect(text).toMatch(/\/quit\s+Leave/);
    expect(text).not.toContain("The articles don't cover that");
  });

  it('says a part of an id that fits several articles is ambiguous, and lists them', async () => {
    const text = await session(['/article 0']);
    expect(text).toContain('"0" could be any of these articles: ');
    expect(text).toContain('004_0e424af2726a1a76 (North Korean leader');
    expect(text).toContain('000_dd76f0093fce23e0 (Russian President');
    expect(text).not.toContain('I have no article');
  });

  it('answers "tell me more" with a hint to type /more', async () => {
    const text = await session(['Who is Sergey Lavrov?', 'tell me more']);
    expect(text).toContain('For the next results of your last question, type /more.');
    expect(text).not.toContain('could not find any words');
  });

  it('lists more and quit in /help', async () => {
    const text = await session(['/help']);
    expect(text).toMatch(/\n {2}more\s+Show the next results for the last question\./);
    expect(text).toMatch(/\n {2}quit\s+Leave/);
  });
});

/** A console at a (stand-in) terminal: keys typed one chunk at a time, the screen as written. */
async function terminalSession() {
  const input = Object.assign(new PassThrough(), { isTTY: true, setRawMode: () => input });
  const output = Object.assign(new PassThrough(), { isTTY: true, columns: 120 });
  let screen = '';
  output.on('data', (chunk) => {
    screen += chunk;
  });
  const logSink = consoleLogSink(output);
  const done = runConsole({ desk: await seedDesk(), input, output, logger: silentLogger, logSink });
  const settle = () => new Promise((resolve) => setTimeout(resolve, 20));
  const type = async (keys: string) => {
    input.write(keys);
    await settle();
  };
  return { type, screen: () => screen, done, logSink, settle };
}

describe('the console at a terminal', () => {
  it('clears a half-typed line on Ctrl+C, and quits cleanly on a second Ctrl+C at an empty prompt', async () => {
    const t = await terminalSession();
    await t.type('who is ser');
    await t.type('\x03');
    expect(t.screen()).toContain('who is ser^C\n');
    await t.type('Who is Sergey Lavrov?\r');
    expect(t.screen()).toContain('Q: Who is Sergey Lavrov?');
    expect(t.screen()).not.toContain('Q: who is ser');
    await t.type('\x03');
    expect(t.screen()).toContain('(To quit, press Ctrl+C again, press Ctrl+D, or type /quit.)');
    await t.type('\x03');
    await t.done;
    expect(t.screen().trimEnd().endsWith('Bye.')).toBe(true);
  });

  it('prints a log line above the prompt and draws the prompt and the half-typed line again', async () => {
    const t = await terminalSession();
    await t.type('who is');
    const before = t.screen().length;
    t.logSink.write('Reloaded articles: +1 article, −0, ~0 changed, 31 paragraphs\n');
    const after = t.screen().slice(before);
    expect(after.startsWith('\x1b[2K\x1b[1G')).toBe(true); // the prompt line cleared first
    expect(after).toContain('Reloaded articles: +1 article');
    expect(after.slice(after.indexOf('paragraphs\n'))).toContain('newsdesk> who is');
    await t.type('\x03');
    await t.type('\x04');
    await t.done;
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

/**
 * Slash commands, autocomplete and buttons, end to end: the real discord.js client, started as `npm start`
 * starts it, answering interactions the stand-in Discord dispatches over its gateway.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCommand } from '../../../src/core/commands/run-command.ts';
import type { AnswerReply } from '../../../src/core/types.ts';
import { CALLBACK, FLAG, option, seedDesk, startBot, TEST_TIMEOUT } from './harness.ts';

const IN_SCOPE = 'What did Putin say about North Korean troops?';
/** A question the seeds answer with more than one page of two passages. */
const PAGED = 'What did Kim Jong Un say to Putin?';

describe('Discord slash commands', { timeout: TEST_TIMEOUT }, () => {
  let bot: Awaited<ReturnType<typeof startBot>>;

  beforeAll(async () => {
    // Two passages a page, so the seeds give answers with a second page.
    bot = await startBot({ desk: await seedDesk(2) });
  }, TEST_TIMEOUT);
  afterAll(async () => {
    await bot?.stop();
  }, TEST_TIMEOUT);

  async function ask(
    question: string,
    place: 'guild' | 'dm' = 'guild',
    extra: ReturnType<typeof option.boolean>[] = [],
  ) {
    const interaction = bot.standin.slashCommand(
      'ask',
      [option.string('question', question), ...extra],
      place,
    );
    return bot.standin.waitForCallback(interaction);
  }

  it('answers /ask in a server with the question, the bold answer and numbered citations', async () => {
    const call = await ask(IN_SCOPE);
    expect(call.body.type).toBe(CALLBACK.message);
    const data = call.body.data;
    expect(data.flags ?? 0).toBe(0);
    expect(data.allowed_mentions).toEqual({ parse: [], replied_user: false });
    const [embed] = data.embeds;
    expect(embed.description).toContain(`**Q:** ${IN_SCOPE}`);
    expect(embed.description).toMatch(/\*\*(Putin|North|Korean|troops)\*\*/);
    expect(embed.description).toMatch(/\*\*\[1\]\*\* .+ — ¶\d+/);
    expect(embed.footer.text).toMatch(/searched 2 articles · \d+ paragraphs$/);
  });

  it('answers /ask in a DM with the bot', async () => {
    const call = await ask(IN_SCOPE, 'dm');
    expect(call.body.type).toBe(CALLBACK.message);
    expect(call.body.data.embeds[0].description).toContain(`**Q:** ${IN_SCOPE}`);
  });

  it('answers /ask private:true with an ephemeral reply', async () => {
    const call = await ask(IN_SCOPE, 'guild', [option.boolean('private', true)]);
    expect(call.body.data.flags & FLAG.ephemeral).toBe(FLAG.ephemeral);
    expect(call.body.data.embeds[0].description).toContain(`**Q:** ${IN_SCOPE}`);
  });

  it('never pings: a question full of @everyone and role mentions is escaped and allows no mentions', async () => {
    const question =
      '@everyone @here <@&123456789012345678> <@987654321098765432> what did Putin and Kim agree?';
    const call = await ask(question);
    const data = call.body.data;
    expect(data.allowed_mentions.parse).toEqual([]);
    const description: string = data.embeds[0].description;
    expect(description).not.toMatch(/@(everyone|here)/);
    expect(description).toContain(
      '@\u200beveryone @\u200bhere \\<@&123456789012345678> \\<@987654321098765432>',
    );
    expect(data.content ?? '').toBe('');
  });

  it('gives an out-of-scope question the "not covered" reply, not a weak citation', async () => {
    const call = await ask('What is the capital of France?');
    const description: string = call.body.data.embeds[0].description;
    expect(description).toContain("I couldn't find that in the articles I have");
    expect(description).not.toMatch(/\*\*\[1\]\*\*/);
    expect(call.body.data.components).toEqual([]);
  });

  it('pages through further passages with "More results", keeping the question', async () => {
    const question = PAGED;
    const expected = (await runCommand(bot.desk, { name: 'ask', question })) as AnswerReply;
    expect(expected.nextOffset).toBe(2); // the seeds have more than one page for this question

    const first = await ask(question);
    const [row] = first.body.data.components;
    const button = row.components[0];
    expect(button).toMatchObject({ type: 2, label: expect.stringMatching(/^More results \(3–/) });
    expect(button.custom_id.length).toBeLessThanOrEqual(100);

    const message = bot.standin.messageFrom(first.body.data, bot.standin.channelId);
    const click = bot.standin.clickButton(button.custom_id, message);
    const next = await bot.standin.waitForCallback(click);
    expect(next.body.type).toBe(CALLBACK.updateMessage);
    const [embed] = next.body.data.embeds;
    expect(embed.description).toContain(`**Q:** ${question}`);
    expect(embed.description).toContain('**[3]**');
    expect(embed.footer.text).toMatch(/^Passages 3–/);
    expect(next.body.data.allowed_mentions).toEqual({ parse: [], replied_user: false });
  });

  it('keeps a "More results" button working across a restart when the question fits in its id', async () => {
    const question = PAGED;
    const message = bot.standin.messageFrom({ embeds: [] }, bot.standin.channelId);
    const click = bot.standin.clickButton(`nd:more:2:q:${question}`, message);
    const call = await bot.standin.waitForCallback(click);
    expect(call.body.type).toBe(CALLBACK.updateMessage);
    expect(call.body.data.embeds[0].footer.text).toMatch(/^Passages 3–/);
  });

  it('says kindly that a "More results" button expired when its question is no longer known', async () => {
    const message = bot.standin.messageFrom({ embeds: [] }, bot.standin.channelId);
    const click = bot.standin.clickButton('nd:more:2:k:forgotten-after-restart', message);
    const call = await bot.standin.waitForCallback(click);
    expect(call.body.type).toBe(CALLBACK.message);
    expect(call.body.data.flags & FLAG.ephemeral).toBe(FLAG.ephemeral);
    expect(call.body.data.embeds[0].description).toContain('This button has expired');
  });

  it('answers an unknown button and an unknown command instead of leaving them hanging', async () => {
    const message = bot.standin.messageFrom({ embeds: [] }, bot.standin.channelId);
    const button = await bot.standin.waitForCallback(
      bot.standin.clickButton('someone-elses-button', message),
    );
    expect(button.body.data.flags & FLAG.ephemeral).toBe(FLAG.ephemeral);
    expect(button.body.data.content).toContain("isn't one I know");
    const command = await bot.standin.waitForCallback(bot.standin.slashCommand('weather'));
    expect(command.body.data.flags & FLAG.ephemeral).toBe(FLAG.ephemeral);
    expect(command.body.data.content).toContain("I don't know the command /weather");
  });

  it('autocompletes /article ids from article titles', async () => {
    const interaction = bot.standin.autocomplete('article', [option.string('id', 'north', true)]);
    const call = await bot.standin.waitForCallback(interaction);
    expect(call.body.type).toBe(CALLBACK.autocomplete);
    const choices: { name: string; value: string }[] = call.body.data.choices;
    const expected = bot.desk.matchArticles('north', 25);
    expect(choices.map((c) => c.value)).toEqual(expected.map((a) => a.id));
    expect(choices[0]?.name).toMatch(/North Korean/);
    for (const choice of choices) expect(choice.name.length).toBeLessThanOrEqual(100);
  });

  it('shows one paragraph of an article with /article', async () => {
    const [article] = bot.desk.summaries();
    const interaction = bot.standin.slashCommand('article', [
      option.string('id', article?.id ?? ''),
      option.integer('paragraph', 2),
    ]);
    const call = await bot.standin.waitForCallback(interaction);
    expect(call.body.data.flags ?? 0).toBe(0);
    expect(call.body.data.embeds[0].description).toContain(`\`${article?.id}\` — ¶2\n> `);
  });

  it('explains an unknown article only to the person who asked', async () => {
    const interaction = bot.standin.slashCommand('article', [option.string('id', 'no-such-article')]);
    const call = await bot.standin.waitForCallback(interaction);
    expect(call.body.data.flags & FLAG.ephemeral).toBe(FLAG.ephemeral);
    expect(call.body.data.embeds[0].description).toContain('no-such-article');
  });

  it('lists /sources and shows /help', async () => {
    const sources = await bot.standin.waitForCallback(bot.standin.slashCommand('sources', [], 'dm'));
    expect(sources.body.data.embeds[0].description).toMatch(/^\*\*2 articles\*\* you can ask about:/);
    const help = await bot.standin.waitForCallback(bot.standin.slashCommand('help'));
    expect(help.body.data.embeds[0].description).toContain('`/ask <question>`');
  });

  it('logs each answered command with its context and never the token', async () => {
    await ask(IN_SCOPE);
    const line = await bot.standin.waitFor(
      () => bot.logger.lines.find((l) => l.message === 'discord: answered a slash command'),
      'the answered-command log line',
    );
    expect(line.context).toMatchObject({
      command: 'ask',
      guild: bot.standin.guildId,
      user: bot.standin.user.id,
    });
    expect(JSON.stringify(bot.logger.lines)).not.toContain(bot.standin.token);
  });
});

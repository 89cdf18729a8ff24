/**
 * Autocomplete for an option that suggests articles (`/article id:`): article titles matching what the user
 * typed, the id as the value.
 */
import type { AutocompleteInteraction } from 'discord.js';
import { commandNamed } from '../../core/commands/commands.ts';
import type { ArticleSummary } from '../../core/types.ts';
import type { DiscordContext } from './discord-context.ts';

/** Discord shows at most 25 choices; names and values are 1–100 characters. */
const MAX_CHOICES = 25;
const MAX_CHOICE_LENGTH = 100;

/** Answers an autocomplete request (empty choices for options that have none). */
export async function answerAutocomplete(
  interaction: AutocompleteInteraction,
  ctx: DiscordContext,
): Promise<void> {
  const focused = interaction.options.getFocused(true);
  const option = commandNamed(interaction.commandName)?.options.find((o) => o.name === focused.name);
  if (option?.suggest !== 'articles') {
    await interaction.respond([]);
    return;
  }
  const choices = ctx.desk
    .matchArticles(String(focused.value), MAX_CHOICES)
    .filter((article) => article.id.length <= MAX_CHOICE_LENGTH)
    .map((article) => ({ name: choiceName(article), value: article.id }));
  await interaction.respond(choices);
}

function choiceName(article: ArticleSummary): string {
  const name = article.title.replace(/\s+/g, ' ').trim() || article.id;
  return name.length <= MAX_CHOICE_LENGTH ? name : `${name.slice(0, MAX_CHOICE_LENGTH - 1)}…`;
}

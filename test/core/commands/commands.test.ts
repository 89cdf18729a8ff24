/** Every way of offering commands follows from the one list: a command added there is offered everywhere. */
import { describe, expect, it } from 'vitest';
import { commandDefinitions } from '../../../src/adapters/discord/command-definitions.ts';
import { decodeButtonValue, encodeButtonValue } from '../../../src/adapters/slack/slack-buttons.ts';
import { COMMANDS } from '../../../src/core/commands/commands.ts';
import { parseCommandText } from '../../../src/core/commands/parse-command-text.ts';
import { runCommand } from '../../../src/core/commands/run-command.ts';
import { Desk } from '../../../src/core/desk.ts';

const desk = Desk.build([], { wordVectors: null, placeNames: null });

describe('the command list', () => {
  it('is what help lists, in order', async () => {
    const reply = await runCommand(desk, { name: 'help' });
    expect(reply.kind === 'help' && reply.commands.map((c) => c.usage)).toEqual(COMMANDS.map((c) => c.usage));
  });

  it('is what Discord registers, each option typed as the command declares it', () => {
    expect(commandDefinitions.map((d) => d.name)).toEqual(COMMANDS.map((c) => c.name));
    for (const [i, command] of COMMANDS.entries()) {
      const names = (commandDefinitions[i]?.options ?? []).map((o) => o.name);
      expect(names.slice(0, command.options.length)).toEqual(command.options.map((o) => o.name));
    }
  });

  it('is what typed text and Slack button values are read as', () => {
    for (const command of COMMANDS) {
      const input = parseCommandText(`/${command.name}`);
      expect(input.name).toBe(command.name);
      expect(decodeButtonValue(encodeButtonValue(input))).toEqual(input);
    }
  });
});

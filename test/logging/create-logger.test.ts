import { describe, expect, it } from 'vitest';
import { createLogger } from '../../src/logging/create-logger.ts';

function recorder() {
  const lines: string[] = [];
  return { lines, sink: { write: (line: string) => lines.push(line) } };
}

const TOKEN = 'MTIzNDU2Nzg5MDEyMzQ1Njc4.Gabcde.very-secret-discord-token';
const SLACK = 'xoxb-1234-5678-secretslacktoken';

describe('createLogger', () => {
  it('writes one JSON object a line with level, time, message and context', () => {
    const { lines, sink } = recorder();
    const logger = createLogger({ sink, pretty: false });
    logger.info('question handled', { platform: 'slack', outcome: 'answered', latencyMs: 3 });
    const entry = JSON.parse(lines[0] ?? '');
    expect(entry).toMatchObject({
      level: 'info',
      msg: 'question handled',
      platform: 'slack',
      outcome: 'answered',
    });
    expect(typeof entry.time).toBe('string');
  });

  it('never writes a secret: not in messages, context, error texts or secret-named keys', () => {
    const { lines, sink } = recorder();
    const logger = createLogger({ sink, pretty: false, secrets: [TOKEN, SLACK] });
    logger.error(`login failed for ${TOKEN}`, { error: new Error(`401 with Bearer ${SLACK}`) });
    logger.warn('config', {
      token: 'short-but-secret-key-value',
      nested: { botToken: 'abc123456' },
      url: `x?t=${SLACK}`,
    });
    const text = lines.join('');
    expect(text).not.toContain(TOKEN);
    expect(text).not.toContain(SLACK);
    expect(text).not.toContain('short-but-secret-key-value');
    expect(text).not.toContain('abc123456');
    expect(text).toContain('[redacted]');
  });

  it('writes short readable lines in a terminal and respects the level', () => {
    const { lines, sink } = recorder();
    const logger = createLogger({ sink, pretty: true, level: 'warn' });
    logger.info('hidden');
    logger.warn('Skipped article file x.txt: is empty', { file: 'x.txt' });
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^\d\d:\d\d:\d\d WARN Skipped article file x\.txt: is empty file=x\.txt\n$/);
  });
});

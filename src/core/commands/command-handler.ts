import type { Desk } from '../desk.ts';
import type { RateLimiter } from '../limits/rate-limiter.ts';
import type { Reply } from '../types.ts';
import type { CommandInput } from './parse-command-text.ts';
import { runCommand } from './run-command.ts';

/** Who is asking, and where. */
export interface CommandContext {
  /** `discord`, `slack`, `console` … */
  platform: string;
  /** The user's id on that platform (rate limits are per user per platform). */
  userId: string;
  /**
   * When the question was asked: the chat message's own time (now when absent). A question is answered as
   * of then: articles published later are not cited.
   */
  asOf?: Date;
}

/** How a handled command ended, for logs and metrics. */
export type CommandOutcome =
  | 'answered'
  | 'not-covered'
  | 'rate-limited'
  | 'rate-limited-quiet'
  | 'problem'
  | 'ok'
  | 'error';

/** One handled command, reported to {@link CommandHandlerOptions.onHandled}. */
export interface HandledCommand {
  platform: string;
  command: CommandInput['name'];
  outcome: CommandOutcome;
  /** Passages cited (answers only). */
  results: number;
  latencyMs: number;
  /** The question, for logs that opt in to question text. */
  question?: string;
}

/** Options for {@link createCommandHandler}. */
export interface CommandHandlerOptions {
  desk: Desk;
  /** Limits questions per user per platform; unlimited when absent. */
  limiter?: RateLimiter;
  /** Called after every command (logging, metrics); must not throw. */
  onHandled?: (event: HandledCommand) => void;
  /** Millisecond clock for latency (default `performance.now`). */
  now?: () => number;
}

/**
 * Runs one command for one user. May be asynchronous: a rate limit shared by several processes asks a
 * store (Redis) first. Callers `await` the reply either way.
 */
export type CommandHandler = (input: CommandInput, context: CommandContext) => Reply | Promise<Reply>;

/**
 * The one platform-neutral command handler every adapter calls: rate-limits questions per user per
 * platform, runs the command, and reports what happened. Paging ("More results") is not a new question
 * and is not rate-limited.
 */
export function createCommandHandler(
  options: CommandHandlerOptions,
): (input: CommandInput, context: CommandContext) => Promise<Reply> {
  const now = options.now ?? (() => performance.now());
  return async (input, context) => {
    const started = now();
    let reply: Reply;
    let outcome: CommandOutcome;
    try {
      const decision =
        input.name === 'ask' && !input.offset && options.limiter
          ? await options.limiter.take(`${context.platform}:${context.userId}`)
          : { ok: true as const };
      if (!decision.ok) {
        reply = {
          kind: 'problem',
          code: 'rate-limited',
          message: `You're asking faster than I can keep up. Please try again in ${decision.retryAfterSeconds} s.`,
          retryAfterSeconds: decision.retryAfterSeconds,
          ...(decision.repeat ? { quiet: true } : {}),
        };
      } else {
        reply = await runCommand(options.desk, withAsOf(input, context.asOf));
      }
      outcome = outcomeOf(reply);
    } catch (error) {
      options.onHandled?.({ ...report(input, context, 'error', 0, now() - started) });
      throw error;
    }
    options.onHandled?.(
      report(input, context, outcome, reply.kind === 'answer' ? reply.passages.length : 0, now() - started),
    );
    return reply;
  };
}

/** A question asked as of the context's moment (a chat message's time), unless the input says its own. */
export function withAsOf(input: CommandInput, asOf: Date | undefined): CommandInput {
  return input.name === 'ask' && asOf && !input.asOf ? { ...input, asOf } : input;
}

function outcomeOf(reply: Reply): CommandOutcome {
  switch (reply.kind) {
    case 'answer':
      return 'answered';
    case 'not-covered':
      return 'not-covered';
    case 'problem':
      if (reply.code !== 'rate-limited') return 'problem';
      return reply.quiet ? 'rate-limited-quiet' : 'rate-limited';
    default:
      return 'ok';
  }
}

function report(
  input: CommandInput,
  context: CommandContext,
  outcome: CommandOutcome,
  results: number,
  latencyMs: number,
): HandledCommand {
  return {
    platform: context.platform,
    command: input.name,
    outcome,
    results,
    latencyMs: Math.round(latencyMs * 100) / 100,
    question: input.name === 'ask' ? input.question : undefined,
  };
}

/** Who sees a reply, decided once for every platform. */
import type { Reply } from '../../core/types.ts';

/** How a reply is to be delivered. */
export interface Audience {
  /** Only the asker should see it: a "slow down" notice concerns no one else in the channel. */
  onlyForAsker: boolean;
  /** Nothing is posted: a repeat over the rate limit, already told to slow down, costs no call. */
  quiet: boolean;
}

/** A rate-limit notice goes only to the asker, and a repeated one not at all; everything else to everyone. */
export function replyAudience(reply: Reply): Audience {
  const rateLimited = reply.kind === 'problem' && reply.code === 'rate-limited';
  return {
    onlyForAsker: rateLimited,
    quiet: rateLimited && reply.kind === 'problem' && Boolean(reply.quiet),
  };
}

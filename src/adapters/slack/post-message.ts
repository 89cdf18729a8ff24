/** Posting rendered replies to Slack with the options every Newsdesk post shares. */

import type { RespondArguments, webApi } from '@slack/bolt';
import type { SlackMessage } from './render-message.ts';

/** Where a reply goes: a conversation and, optionally, the thread in it. */
export interface SlackDestination {
  channel: string;
  /** Parent message `ts` of the thread; top level when undefined. */
  threadTs?: string;
}

/** Posts a message with `chat.postMessage`, without link or media previews. */
export async function postMessage(
  client: webApi.WebClient,
  to: SlackDestination,
  message: SlackMessage,
): Promise<void> {
  await client.chat.postMessage({
    channel: to.channel,
    ...(to.threadTs ? { thread_ts: to.threadTs } : {}),
    text: message.text,
    blocks: message.blocks,
    unfurl_links: false,
    unfurl_media: false,
  });
}

/**
 * Posts a reply in a conversation; a reply meant only for the asker (`onlyForAsker`) is posted with
 * `chat.postEphemeral`, so a "slow down" notice does not land in front of everyone.
 */
export async function postReply(
  client: webApi.WebClient,
  to: SlackDestination,
  message: SlackMessage & { onlyForAsker?: boolean },
  user: string,
): Promise<void> {
  if (!message.onlyForAsker) return postMessage(client, to, message);
  await client.chat.postEphemeral({
    channel: to.channel,
    user,
    ...(to.threadTs ? { thread_ts: to.threadTs } : {}),
    text: message.text,
    blocks: message.blocks,
  });
}

/** Answers through a `response_url`: privately to the asker unless `inChannel`. Never replaces the original. */
export async function respondWith(
  respond: (message: RespondArguments) => Promise<unknown>,
  message: SlackMessage,
  inChannel = false,
): Promise<void> {
  await respond({
    response_type: inChannel ? 'in_channel' : 'ephemeral',
    replace_original: false,
    text: message.text,
    blocks: message.blocks,
    unfurl_links: false,
    unfurl_media: false,
  });
}

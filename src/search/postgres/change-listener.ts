import pg from 'pg';
import type { Logger } from '../../core/types.ts';
import { CHANGES_CHANNEL } from './schema.ts';

/** A LISTEN connection that tells of every change to the articles in the database. */
export interface ChangeListener {
  close(): Promise<void>;
}

/** How long to wait before connecting again after the listening connection is lost. */
const RECONNECT_MS = 1_000;

/**
 * Listens on {@link CHANGES_CHANNEL} on a connection of its own (LISTEN holds one) and calls `onChange`
 * with each new revision, and once after every reconnection (changes made while it was away were not
 * heard). A lost connection is logged once and retried every second until it is back.
 */
export async function listenForChanges(
  config: pg.ClientConfig,
  logger: Logger,
  onChange: (revision: number | undefined) => void,
): Promise<ChangeListener> {
  let closed = false;
  let client: pg.Client | undefined;
  let timer: NodeJS.Timeout | undefined;
  let down = false;
  const connect = async (): Promise<void> => {
    const next = new pg.Client(config);
    next.on('notification', (message) => {
      if (message.channel !== CHANGES_CHANNEL) return;
      const revision = Number(message.payload);
      onChange(Number.isFinite(revision) ? revision : undefined);
    });
    next.on('error', () => {
      // Reported by 'end' below; an 'error' without a listener would crash the process.
    });
    next.on('end', () => {
      if (closed || client !== next) return;
      client = undefined;
      if (!down) logger.warn('Lost the connection listening for article changes; reconnecting');
      down = true;
      schedule();
    });
    await next.connect();
    await next.query(`LISTEN ${CHANGES_CHANNEL}`);
    if (closed) {
      await next.end();
      return;
    }
    client = next;
    if (down) {
      down = false;
      logger.info('Listening for article changes again');
      onChange(undefined);
    }
  };
  const schedule = () => {
    if (closed) return;
    timer = setTimeout(() => {
      connect().catch(() => schedule());
    }, RECONNECT_MS);
    timer.unref?.();
  };
  await connect();
  return {
    async close() {
      closed = true;
      clearTimeout(timer);
      await client?.end().catch(() => {});
      client = undefined;
    },
  };
}

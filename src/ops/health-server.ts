import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Metrics } from './metrics.ts';

/** What `/healthz` reports. */
export interface HealthStatus {
  /**
   * `ok` when serving; anything else is answered with 503: `starting`, `stopping`, `platform-down` (a
   * platform failed for good, e.g. its token was revoked) or `overloaded` (refusing new questions).
   */
  status: 'ok' | 'starting' | 'stopping' | 'platform-down' | 'overloaded';
  /** Answers admitted and not yet delivered. */
  inFlight?: number;
  articles: number;
  paragraphs: number;
  /** When the index was last built (ISO 8601); absent while `starting` before there is one. */
  indexBuiltAt?: string;
  /** Connection state of each platform, e.g. `{ discord: 'connected' }`. */
  platforms: Record<string, string>;
  /** Each followed feed's last success (ISO 8601), last error and articles added, when `FEEDS` is set. */
  feeds?: Record<string, { lastSuccess?: string; lastError?: string; articlesAdded: number }>;
  /**
   * With `REDIS_URL`: whether Redis is connected. `down` does not make the status 503: questions are
   * still answered (limits allow, redeliveries are remembered per process).
   */
  redis?: 'up' | 'down';
}

/** Options for {@link healthRoutes}. */
export interface HealthRoutesOptions {
  status: () => HealthStatus;
  metrics: Metrics;
}

/** A request handler for `/healthz` and `/metrics`; returns false for other paths. */
export type HealthRoutes = (req: IncomingMessage, res: ServerResponse) => boolean;

/**
 * `/healthz` (200 with index stats and platform states while serving, 503 otherwise) and `/metrics`
 * (Prometheus text). Usable on its own server or mounted on another (the Slack HTTP receiver's).
 */
export function healthRoutes(options: HealthRoutesOptions): HealthRoutes {
  return (req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (req.method !== 'GET' && req.method !== 'HEAD') return false;
    if (url.pathname === '/healthz') {
      const status = options.status();
      res.writeHead(status.status === 'ok' ? 200 : 503, { 'content-type': 'application/json' });
      res.end(JSON.stringify(status));
      return true;
    }
    if (url.pathname === '/metrics') {
      options.metrics.render().then(
        (text) => {
          res.writeHead(200, { 'content-type': options.metrics.contentType });
          res.end(text);
        },
        () => {
          res.writeHead(500).end();
        },
      );
      return true;
    }
    return false;
  };
}

/** Starts a small HTTP server for the health routes on `port` (0 picks a free one). */
export async function startHealthServer(
  routes: HealthRoutes,
  port: number,
  host = '0.0.0.0',
): Promise<Server> {
  const server = createServer((req, res) => {
    if (!routes(req, res)) res.writeHead(404, { 'content-type': 'text/plain' }).end('Not found\n');
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  return server;
}

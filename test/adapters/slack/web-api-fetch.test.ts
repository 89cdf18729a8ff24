import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { webApi } from '@slack/bolt';
import { afterEach, describe, expect, it } from 'vitest';
import { webApiFetch } from '../../../src/adapters/slack/web-api-fetch.ts';

/** What the stand-in server received. */
interface Received {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

let server: Server | undefined;

/** Starts a 127.0.0.1 server answering every request with `reply`; returns its base URL and what it received. */
async function serve(reply: (res: ServerResponse, received: Received) => void) {
  const received: Received[] = [];
  server = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => {
      body += chunk;
    });
    req.on('end', () => {
      const r = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body };
      received.push(r);
      reply(res, r);
    });
  });
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
  return { base: `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/`, received };
}

afterEach(async () => {
  await new Promise((resolve) => server?.close(resolve));
  server = undefined;
});

describe('webApiFetch', () => {
  it('carries a Web API call through the client: method, token, form body and the JSON reply', async () => {
    const { base, received } = await serve((res) =>
      res
        .writeHead(200, { 'content-type': 'application/json', 'x-oauth-scopes': 'chat:write' })
        .end(JSON.stringify({ ok: true, channel: 'C1', ts: '1.000002' })),
    );
    const client = new webApi.WebClient('xoxb-token', { slackApiUrl: base, fetch: webApiFetch });
    const result = await client.chat.postMessage({
      channel: 'C1',
      text: 'Hé — “quoted”',
      thread_ts: '1.000001',
    });

    expect(result).toMatchObject({ ok: true, ts: '1.000002' });
    // The client reads the scopes from the reply's headers.
    expect(result.response_metadata?.scopes).toEqual(['chat:write']);
    const [call] = received;
    expect(call?.method).toBe('POST');
    expect(call?.url).toBe('/api/chat.postMessage');
    expect(call?.headers.authorization).toBe('Bearer xoxb-token');
    expect(call?.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(Object.fromEntries(new URLSearchParams(call?.body))).toMatchObject({
      channel: 'C1',
      text: 'Hé — “quoted”',
      thread_ts: '1.000001',
    });
  });

  it('gives the client what it needs to report rate limits and Slack errors', async () => {
    const { base } = await serve((res, r) => {
      if (r.url.endsWith('chat.postMessage')) res.writeHead(429, { 'retry-after': '7' }).end();
      else
        res
          .writeHead(200, { 'content-type': 'application/json' })
          .end('{"ok":false,"error":"not_in_channel"}');
    });
    const client = new webApi.WebClient('xoxb-token', {
      slackApiUrl: base,
      fetch: webApiFetch,
      rejectRateLimitedCalls: true,
      retryConfig: { retries: 0 },
    });
    await expect(client.chat.postMessage({ channel: 'C1', text: 'hi' })).rejects.toMatchObject({
      code: webApi.ErrorCode.RateLimitedError,
      retryAfter: 7,
    });
    await expect(
      client.reactions.add({ channel: 'C1', timestamp: '1.0', name: 'eyes' }),
    ).rejects.toMatchObject({
      code: webApi.ErrorCode.PlatformError,
      data: { error: 'not_in_channel' },
    });
  });

  it('reports an HTTP error with its status and body', async () => {
    const { base } = await serve((res) => res.writeHead(503, { 'content-type': 'text/plain' }).end('down'));
    const response = await webApiFetch(`${base}auth.test`, { method: 'POST', body: '' });
    expect(response).toMatchObject({ ok: false, status: 503, statusText: 'Service Unavailable' });
    expect(response.headers.get('Content-Type')).toBe('text/plain');
    expect(await response.text()).toBe('down');
  });

  it('fails on a redirect when asked to, as fetch does, instead of following it', async () => {
    const { base, received } = await serve((res) =>
      res.writeHead(302, { location: 'http://127.0.0.1:1/' }).end(),
    );
    await expect(
      webApiFetch(`${base}auth.test`, { method: 'POST', body: '', redirect: 'error' }),
    ).rejects.toThrow(/redirect/);
    expect(received).toHaveLength(1);
  });

  it('sends a multipart body (FormData) through the platform fetch', async () => {
    const { base, received } = await serve((res) =>
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}'),
    );
    const form = new FormData();
    form.append('channel', 'C1');
    const response = await webApiFetch(`${base}files.upload`, { method: 'POST', body: form });
    expect(await response.json()).toEqual({ ok: true });
    expect(received[0]?.headers['content-type']).toMatch(/^multipart\/form-data; boundary=/);
    expect(received[0]?.body).toContain('name="channel"');
  });
});

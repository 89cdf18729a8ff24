import type { AddressInfo } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { type HealthStatus, healthRoutes, startHealthServer } from '../../src/ops/health-server.ts';
import { Metrics } from '../../src/ops/metrics.ts';

const metrics = new Metrics();
let status: HealthStatus = {
  status: 'starting',
  articles: 0,
  paragraphs: 0,
  indexBuiltAt: '2026-01-01T00:00:00.000Z',
  platforms: {},
};
const server = await startHealthServer(healthRoutes({ status: () => status, metrics }), 0, '127.0.0.1');
const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
afterAll(() => {
  server.closeAllConnections();
  server.close();
});

describe('health and metrics endpoints', () => {
  it('answers 503 until serving, then 200 with index stats and platform states', async () => {
    expect((await fetch(`${base}/healthz`)).status).toBe(503);
    status = { ...status, status: 'ok', articles: 2, paragraphs: 30, platforms: { slack: 'connected' } };
    const res = await fetch(`${base}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({
      status: 'ok',
      articles: 2,
      paragraphs: 30,
      platforms: { slack: 'connected' },
    });
  });

  it('exports questions by platform and outcome, latency, index size and process metrics', async () => {
    metrics.recordIndex({ articles: 2, paragraphs: 30, builtAt: new Date() });
    metrics.recordCommand({
      platform: 'discord',
      command: 'ask',
      outcome: 'answered',
      results: 3,
      latencyMs: 4,
    });
    metrics.recordReload('ok', 1);
    const res = await fetch(`${base}/metrics`);
    expect(res.headers.get('content-type')).toMatch(/text\/plain/);
    const text = await res.text();
    expect(text).toContain('newsdesk_questions_total{platform="discord",command="ask",outcome="answered"} 1');
    expect(text).toContain('newsdesk_answer_latency_seconds_bucket{le="0.005",platform="discord"} 1');
    expect(text).toContain('newsdesk_index_paragraphs 30');
    expect(text).toContain('newsdesk_rejected_files_total 1');
    expect(text).toContain('newsdesk_process_resident_memory_bytes');
  });

  it('answers 404 elsewhere', async () => {
    expect((await fetch(`${base}/nope`)).status).toBe(404);
  });
});

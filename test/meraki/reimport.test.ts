// A Meraki cloud capture is imported once while the capture made from it lives: deleting that
// capture, or its expiry, lets it be imported again; a marker that names a newer import is left
// alone. Through the local twin and the fake Meraki cloud, over the HTTP API.
import { readFileSync } from 'node:fs';
import { DeleteItemCommand, ScanCommand, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { randomBytes } from 'node:crypto';
import type { S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaptureItem } from '#shared/api/contract.js';
import { newCaptureId } from '#shared/tenancy/ids.js';
import { sweep, UPLOAD_NOT_RECEIVED } from '../../lambdas/analyze/sweeper.js';
import { composeAnalyze } from '../../lambdas/compose.js';
import { silentLogger } from '../../lambdas/log.js';
import { MerakiClient } from '../../lambdas/meraki/client.js';
import { IMPORT_DUE_SECONDS, importCapture } from '../../lambdas/meraki/import-capture.js';
import { MerakiStore } from '../../lambdas/meraki/meraki-store.js';
import { WORLD } from '../../lambdas/local/meraki-fake/world.js';
import { api as rawApi, waitForCapture } from '../pipeline/twin-harness.js';
import { startMerakiHarness, type MerakiHarness } from './twin-meraki-harness.js';

let m: MerakiHarness;
let cloud: { captureId: string; name: string }[];
let first: { merakiCaptureId: string; captureId: string; status: string }[];
const expectedVerdict = (scenario: string) =>
  (JSON.parse(readFileSync(`test/fixtures/scenarios/${scenario}/expected.json`, 'utf8')) as { verdict: string })
    .verdict;
const api = (path: string, key: string, init: { method?: string; body?: unknown } = {}) =>
  rawApi(m.h.twin, path, key, init);

beforeAll(async () => {
  m = await startMerakiHarness();
  const connected = await api('/api/meraki/connection', m.keys.alpha, {
    method: 'PUT',
    body: { apiKey: WORLD.fullKey, organizationIds: [WORLD.orgId] },
  });
  expect(connected.status, connected.text).toBe(200);
  cloud = (await api(`/api/meraki/organizations/${WORLD.orgId}/captures`, m.keys.alpha)).json.items
    .filter((c: { name: string }) => ['wrong-psk-nat', 'esp-one-way', 'ke-replies-lost'].includes(c.name))
    .slice(0, 2);
  expect(cloud).toHaveLength(2);
  const res = await api(`/api/meraki/organizations/${WORLD.orgId}/imports`, m.keys.alpha, {
    method: 'POST',
    body: { captureIds: cloud.map((c) => c.captureId) },
  });
  first = res.json.results;
  expect(first.map((r) => r.status)).toEqual(['imported', 'imported']);
  for (const r of first) await waitForCapture(m.h.twin, m.keys.alpha, r.captureId);
}, 60_000);
afterAll(async () => m?.close());

describe('importing again', () => {
  it('the import marker expires with its capture, not after it', async () => {
    const items =
      (await m.h.twin.clients.dynamo.send(new ScanCommand({ TableName: m.h.twin.state.table }))).Items ?? [];
    for (const r of first) {
      const capture = Number(items.find((i) => i.sk?.S === `CAPTURE#${r.captureId}`)?.expiresAt?.N);
      const marker = Number(
        items.find((i) => i.sk?.S === `MERAKI#IMPORT#${WORLD.orgId}#${r.merakiCaptureId}`)?.expiresAt?.N,
      );
      // Retention is days; the analysis restarts the capture's clock seconds after the import.
      expect(marker).toBeGreaterThan(Date.now() / 1000 + 86_400);
      expect(marker).toBeLessThanOrEqual(capture);
      expect(capture - marker).toBeLessThan(60);
    }
  });

  it('a deleted capture can be imported again, as a new capture with the same verdict', async () => {
    const [gone, kept] = first;
    const del = await api(`/api/captures/${gone.captureId}`, m.keys.alpha, { method: 'DELETE' });
    expect(del.status, del.text).toBe(200);
    const listed = (await api(`/api/meraki/organizations/${WORLD.orgId}/captures`, m.keys.alpha)).json.items;
    const find = (id: string) => listed.find((c: { captureId: string }) => c.captureId === id);
    expect(find(gone.merakiCaptureId).importedCaptureId).toBeUndefined();
    expect(find(kept.merakiCaptureId).importedCaptureId).toBe(kept.captureId);
    const res = await api(`/api/meraki/organizations/${WORLD.orgId}/imports`, m.keys.alpha, {
      method: 'POST',
      body: { captureIds: [gone.merakiCaptureId, kept.merakiCaptureId] },
    });
    expect(res.status, res.text).toBe(200);
    const [again, still] = res.json.results;
    expect(still).toEqual({
      merakiCaptureId: kept.merakiCaptureId,
      captureId: kept.captureId,
      status: 'already-imported',
    });
    expect(again).toMatchObject({ merakiCaptureId: gone.merakiCaptureId, status: 'imported' });
    expect(again.captureId).not.toBe(gone.captureId);
    const detail = await waitForCapture(m.h.twin, m.keys.alpha, again.captureId);
    expect(detail.capture).toMatchObject({ status: 'DONE', verdict: expectedVerdict(cloud[0].name) });
    expect((await api(`/api/captures/${gone.captureId}`, m.keys.alpha)).status).toBe(404);
    first[0] = { ...gone, captureId: again.captureId, status: 'imported' };
  });

  it('expired, not yet deleted by DynamoDB: the marker counts while its capture lives', async () => {
    // AWS deletes expired items days after their time, and reads them until then.
    const kept = first[1];
    const expire = (sk: string) =>
      m.h.twin.clients.dynamo.send(
        new UpdateItemCommand({
          TableName: m.h.twin.state.table,
          Key: { pk: { S: 'TENANT#alpha' }, sk: { S: sk } },
          UpdateExpression: 'SET expiresAt = :past',
          ExpressionAttributeValues: { ':past': { N: String(Math.floor(Date.now() / 1000) - 60) } },
        }),
      );
    const importedAs = async () =>
      (await api(`/api/meraki/organizations/${WORLD.orgId}/captures`, m.keys.alpha)).json.items.find(
        (c: { captureId: string }) => c.captureId === kept.merakiCaptureId,
      ).importedCaptureId;
    const importAgain = async () =>
      (
        await api(`/api/meraki/organizations/${WORLD.orgId}/imports`, m.keys.alpha, {
          method: 'POST',
          body: { captureIds: [kept.merakiCaptureId] },
        })
      ).json.results[0];

    await expire(`MERAKI#IMPORT#${WORLD.orgId}#${kept.merakiCaptureId}`);
    expect(await importedAs()).toBe(kept.captureId);
    expect(await importAgain()).toEqual({
      merakiCaptureId: kept.merakiCaptureId,
      captureId: kept.captureId,
      status: 'already-imported',
    });

    await expire(`CAPTURE#${kept.captureId}`);
    expect(await importedAs()).toBeUndefined();
    const renewed = await importAgain();
    expect(renewed).toMatchObject({ merakiCaptureId: kept.merakiCaptureId, status: 'imported' });
    expect(renewed.captureId).not.toBe(kept.captureId);
    await waitForCapture(m.h.twin, m.keys.alpha, renewed.captureId);
    expect(await importedAs()).toBe(renewed.captureId);
    first[1] = { merakiCaptureId: kept.merakiCaptureId, captureId: renewed.captureId, status: 'imported' };
  });

  it('a marker written before markers had a time, its capture deleted since: imported again', async () => {
    const kept = first[0];
    const key = (sk: string) => ({ pk: { S: 'TENANT#alpha' }, sk: { S: sk } });
    const marker = key(`MERAKI#IMPORT#${WORLD.orgId}#${kept.merakiCaptureId}`);
    const dynamo = m.h.twin.clients.dynamo;
    await dynamo.send(
      new UpdateItemCommand({ TableName: m.h.twin.state.table, Key: marker, UpdateExpression: 'REMOVE expiresAt' }),
    );
    const importedAs = async () =>
      (await api(`/api/meraki/organizations/${WORLD.orgId}/captures`, m.keys.alpha)).json.items.find(
        (c: { captureId: string }) => c.captureId === kept.merakiCaptureId,
      ).importedCaptureId;
    // While its capture lives it still counts.
    expect(await importedAs()).toBe(kept.captureId);
    // The capture item removed as a delete did before deletes released markers.
    await dynamo.send(
      new DeleteItemCommand({ TableName: m.h.twin.state.table, Key: key(`CAPTURE#${kept.captureId}`) }),
    );
    expect(await importedAs()).toBeUndefined();
    const res = await api(`/api/meraki/organizations/${WORLD.orgId}/imports`, m.keys.alpha, {
      method: 'POST',
      body: { captureIds: [kept.merakiCaptureId] },
    });
    const renewed = res.json.results[0];
    expect(renewed).toMatchObject({ merakiCaptureId: kept.merakiCaptureId, status: 'imported' });
    expect(renewed.captureId).not.toBe(kept.captureId);
    await waitForCapture(m.h.twin, m.keys.alpha, renewed.captureId);
    expect(await importedAs()).toBe(renewed.captureId);
  });

  it('an import stopped mid-way (its function killed) turns FAILED when due, then can be imported again', async () => {
    const { dynamo } = m.h.twin.clients;
    const table = m.h.twin.state.table;
    const client = new MerakiClient({ apiKey: WORLD.fullKey, baseUrl: m.fake.baseUrl, baseDelayMs: 20 });
    const cloudCaptures = await client.captures(WORLD.orgId);
    const target = cloudCaptures.find((c) => !first.some((r) => r.merakiCaptureId === c.captureId))!;
    // The file never reaches S3: the put hangs, as the function's end would leave it.
    const stalled = { send: () => new Promise(() => {}) } as unknown as S3Client;
    void importCapture(
      client,
      { tenantId: 'alpha', organizationId: WORLD.orgId, capture: target },
      {
        dynamo,
        s3: stalled,
        tableName: table,
        bucketName: m.h.twin.state.bucket,
        store: new MerakiStore(dynamo, table, () => new Date()),
        maxCaptureBytes: 100_000_000,
        retentionDays: 30,
        now: () => new Date(),
        newCaptureId: () => newCaptureId(Date.now(), randomBytes(16)),
      },
    );
    const listed = async () =>
      ((await api('/api/captures?limit=100', m.keys.alpha)).json.items as CaptureItem[]).find(
        (c) => c.merakiCaptureId === target.captureId,
      );
    await expect.poll(async () => (await listed())?.status, { timeout: 10_000 }).toBe('PENDING');
    const stuck = (await listed())!;

    // The sweeper, run after the import's due time, finds no file and fails the capture.
    const later = () => new Date(Date.now() + (IMPORT_DUE_SECONDS + 1) * 1000);
    const analyzeDeps = composeAnalyze(
      {
        tableName: table,
        bucketName: m.h.twin.state.bucket,
        maxCaptureBytes: 100_000_000,
        retentionDays: 30,
        leaseSeconds: 60,
        maxAttempts: 3,
      },
      m.h.twin.clients,
      () => {
        throw new Error('nothing to analyse');
      },
      silentLogger,
    );
    const swept = await sweep({ ...analyzeDeps, now: later }, { action: 'sweep' });
    expect(swept.unreceived).toBe(1);
    expect(await listed()).toMatchObject({ status: 'FAILED', error: UPLOAD_NOT_RECEIVED });

    // Deleted, it can be imported again, and this time it lands and is analysed.
    expect((await api(`/api/captures/${stuck.captureId}`, m.keys.alpha, { method: 'DELETE' })).status).toBe(200);
    const res = await api(`/api/meraki/organizations/${WORLD.orgId}/imports`, m.keys.alpha, {
      method: 'POST',
      body: { captureIds: [target.captureId] },
    });
    expect(res.json.results[0]).toMatchObject({ merakiCaptureId: target.captureId, status: 'imported' });
    const detail = await waitForCapture(m.h.twin, m.keys.alpha, res.json.results[0].captureId);
    expect(detail.capture.status).toBe('DONE');
  });
});

import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testConfig, testDatabase } from '../../../test/database.ts';
import { buildApp } from '../../app.ts';
import { multipartBody, testImage } from './test-fixtures.ts';

let app: FastifyInstance;
let port: number;
const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });

beforeAll(async () => {
  app = await buildApp({ config: testConfig(), database: await testDatabase(), logger: false });
  await app.listen({ port: 0, host: '127.0.0.1' });
  port = (app.server.address() as AddressInfo).port;
});
afterAll(async () => {
  agent.destroy();
  await app.close();
});

/** One request over a real keep-alive connection (app.inject has none); null when no answer came in time. */
function send(body: { payload: Buffer; headers: Record<string, string> } | null, timeoutMs: number) {
  return new Promise<{ status: number; connection: string | undefined } | null>((resolve) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        agent,
        method: body ? 'POST' : 'GET',
        path: body ? '/api/cases' : '/api/track/CG0000-000000',
        headers: body ? { ...body.headers, 'content-length': String(body.payload.length) } : {},
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve({ status: res.statusCode!, connection: res.headers.connection }));
      },
    );
    const timer = setTimeout(() => {
      req.destroy();
      resolve(null);
    }, timeoutMs);
    req.on('close', () => clearTimeout(timer));
    req.on('error', () => resolve(null));
    req.end(body?.payload);
  });
}

describe('an upload refused before it was read to its end', () => {
  it('closes its connection, so the next request is answered at once (it waited 72 s and was reset)', async () => {
    const jpeg = await testImage('jpeg');
    const oversize = Buffer.concat([jpeg, Buffer.alloc(10 * 1024 * 1024, 1)]);
    const file = (data: Buffer) => ({ name: 'photos', filename: 'a.jpg', type: 'image/jpeg', data });
    const refused = await send(
      multipartBody({ categoryCode: '05.02', description: '井盖松动' }, [file(oversize), file(oversize)]),
      30_000,
    );
    expect(refused).toEqual({ status: 413, connection: 'close' });
    expect(await send(null, 5_000)).toEqual({ status: 404, connection: 'keep-alive' });
  }, 60_000);
});

/**
 * A care device simulator: signs its calls exactly as a device's firmware must (docs/care-devices.md), for the
 * demo, for trying the device API by hand and for browser tests that need a device to go quiet.
 *
 *   # register a device as a console user (prints its id and key, shown once)
 *   npx tsx bench/care-device-sim.ts register --url http://127.0.0.1:3000 --user community --password PW \
 *     --org 411602001001 --kind gate --name 南门门禁
 *   # a heartbeat, and sightings of references now (once), or every 60 s until stopped
 *   npx tsx bench/care-device-sim.ts run --url http://127.0.0.1:3000 --device 7 --key cgdk_… --refs FM-0001,FM-0002
 *   npx tsx bench/care-device-sim.ts run … --every 60
 *   # register a reference for a person (as a console user)
 *   npx tsx bench/care-device-sim.ts ref --url … --user community --password PW --device 7 --ref FM-0100 --person 123
 *
 * Every answer is printed as JSON; a refused call exits with status 1.
 */
import { parseArgs } from 'node:util';
import { signedHeaders } from '../server/src/modules/care-devices/signing.ts';

const { positionals, values: o } = parseArgs({
  allowPositionals: true,
  options: {
    url: { type: 'string', default: 'http://127.0.0.1:3000' },
    user: { type: 'string' },
    password: { type: 'string' },
    org: { type: 'string' },
    kind: { type: 'string', default: 'gate' },
    name: { type: 'string', default: '模拟设备' },
    heartbeat: { type: 'string', default: '300' },
    device: { type: 'string' },
    key: { type: 'string' },
    refs: { type: 'string', default: '' },
    ref: { type: 'string' },
    person: { type: 'string' },
    every: { type: 'string' },
  },
});

/** Logs a console user in and returns the session cookie. */
async function login(): Promise<string> {
  const res = await fetch(`${o.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: o.user, password: o.password }),
  });
  const cookie = /cg_session=[^;]+/.exec(res.headers.get('set-cookie') ?? '')?.[0];
  if (!res.ok || !cookie) throw new Error(`login failed: ${res.status} ${await res.text()}`);
  return cookie;
}

/** A console call with the session cookie (the same origin as the server, as the console sends). */
async function consoleCall(path: string, body: unknown): Promise<unknown> {
  const res = await fetch(`${o.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie: await login(), origin: o.url! },
    body: JSON.stringify(body),
  });
  const json = await res.json();
  if (!res.ok) throw new Error(JSON.stringify(json));
  return json;
}

/** One signed device call; prints and returns the answer. */
async function deviceCall(path: string, payload: unknown): Promise<unknown> {
  const device = { id: Number(o.device), key: o.key! };
  const url = `/api/device/v1${path}`;
  const body = JSON.stringify(payload);
  const res = await fetch(`${o.url}${url}`, {
    method: 'POST',
    headers: signedHeaders(device, 'POST', url, body),
    body,
  });
  const json = (await res.json()) as Record<string, unknown>;
  console.log(JSON.stringify({ path, status: res.status, ...json }));
  if (!res.ok) process.exitCode = 1;
  return json;
}

/** A heartbeat and, when references are given, one sighting of each now. */
async function tick(): Promise<void> {
  await deviceCall('/heartbeat', {});
  const refs = o.refs!.split(',').filter(Boolean);
  if (refs.length) {
    const time = new Date().toISOString();
    await deviceCall('/sightings', { sightings: refs.map((ref) => ({ ref, time })) });
  }
}

const command = positionals[0];
if (command === 'register') {
  const r = (await consoleCall('/api/care-devices', {
    kind: o.kind,
    name: o.name,
    org: o.org,
    heartbeatSeconds: Number(o.heartbeat),
  })) as { data: { id: number; key: string } };
  console.log(JSON.stringify({ device: r.data.id, key: r.data.key }));
} else if (command === 'ref') {
  console.log(
    JSON.stringify(
      await consoleCall(`/api/care-devices/${o.device}/refs`, { ref: o.ref, personId: Number(o.person) }),
    ),
  );
} else if (command === 'run') {
  if (!o.device || !o.key) throw new Error('run needs --device and --key');
  await tick();
  if (o.every) setInterval(() => void tick(), Number(o.every) * 1000);
} else {
  console.error('usage: care-device-sim.ts register|ref|run … (see the comment at the top of this file)');
  process.exitCode = 2;
}

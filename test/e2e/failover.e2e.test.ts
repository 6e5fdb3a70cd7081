// End-to-end: a view survives the process it lived on, in Chromium through the real client. Three live
// processes share a redis-server behind the example proxy (live/server/scripts/cluster.mjs, 'first'
// balancing: every socket goes to process 0 while it lives). Process 0 is SIGKILLed mid-session; the page
// reconnects to another process, resumes at the same version with the same state, its DOM keeps what it
// showed (no reload), and the clicks made while it was cut off are applied exactly once.
import { fork, type ChildProcess } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM, CHROMIUM_ARGS, chromiumMissing } from './chromium.js';

const REDIS_SERVER = '/usr/bin/redis-server';
function redisMissing(): string | null {
  try {
    accessSync(REDIS_SERVER, constants.X_OK);
    return null;
  } catch {
    return `${REDIS_SERVER} not found (install Debian's redis-server package, as scripts/ci-services.sh does)`;
  }
}

const missing = chromiumMissing() ?? redisMissing();
if (missing && process.env['CI'] === 'true') {
  describe('failover end-to-end (CI)', () => {
    it('has Chromium and redis-server', () => {
      expect(missing).toBeNull();
    });
  });
} else if (missing) console.warn(`failover e2e skipped: ${missing}`);

// The example's script, found through the package (no relative path into another workspace).
const CLUSTER = fileURLToPath(new URL('../scripts/cluster.mjs', import.meta.resolve('@tessera/live')));

describe.skipIf(missing !== null)('failover in Chromium', () => {
  let browser: Browser;
  let cluster: ChildProcess;
  let url: string;
  const reply = () => new Promise<Record<string, unknown>>((resolve) => cluster.once('message', resolve as never));

  beforeAll(async () => {
    cluster = fork(CLUSTER, [], {
      env: { ...process.env, PORT: '0', BALANCE: 'first' },
      stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    });
    ({ url } = (await reply()) as { url: string });
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  });

  afterAll(async () => {
    await browser?.close();
    if (cluster?.connected) {
      const exited = new Promise((resolve) => cluster.once('exit', resolve));
      cluster.disconnect();
      await exited;
    }
  });

  it('resumes on another process after SIGKILL: same version, same DOM, no reload, nothing lost or doubled', async () => {
    const page = await (await browser.newContext()).newPage();
    const mounts: Record<string, unknown>[] = [];
    page.on('websocket', (socket) =>
      socket.on('framereceived', (frame) => {
        const message = JSON.parse(String(frame.payload)) as Record<string, unknown>;
        if (message['t'] === 'mounted') mounts.push(message);
      }),
    );
    await page.addInitScript(() => {
      const w = window as unknown as { connected: number };
      w.connected = 0;
      document.addEventListener('live:connected', () => (w.connected += 1), true);
    });
    await page.goto(url);
    await page.waitForFunction(() => (window as unknown as { connected: number }).connected >= 1);
    for (let n = 1; n <= 5; n += 1) {
      await page.click('#add');
      await page.waitForFunction((count) => document.querySelector('#count')?.textContent === String(count), n);
    }
    // Marks a reload would wipe: a window property and the very element the page shows.
    await page.evaluate(() => {
      (window as unknown as { marker: string }).marker = 'same page';
      document.querySelector('#count')!.setAttribute('data-kept', 'yes');
    });

    cluster.send({ kill: 0, signal: 'SIGKILL' });
    await reply();
    // Two clicks while the socket is down or reconnecting: the client keeps them until it mounts again.
    await page.click('#add');
    await page.click('#add');
    await page.waitForFunction(() => (window as unknown as { connected: number }).connected >= 2);
    await page.waitForFunction(() => document.querySelector('#count')?.textContent === '7');

    expect(mounts[1]).toMatchObject({ t: 'mounted', v: 5 });
    expect(mounts[1]!['html']).toBeUndefined();
    expect(await page.textContent('#seen')).toBe('1,2,3,4,5,6,7');
    expect(await page.evaluate(() => (window as unknown as { marker?: string }).marker)).toBe('same page');
    expect(await page.getAttribute('#count', 'data-kept')).toBe('yes');
    // Nothing more arrives: no event is applied a second time.
    await page.waitForTimeout(300);
    expect(await page.textContent('#count')).toBe('7');
  });
});

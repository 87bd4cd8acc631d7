// A background start-up cut short: Firefox stops the event page when the browser closes, Chrome
// suspends the service worker; either can happen while the pack is being installed. Nothing may be
// half-written, no rejection may go unhandled, and the next start must finish the job.
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createBackgroundService } from '../../lib/background/service';
import { BackstoryDB } from '../../lib/db/database';
import { storedPackVersion } from '../../lib/db/pack-store';
import { loadPackFromDir } from '../../lib/kb/node-pack';
import type { ContentConfig } from '../../lib/messaging/protocol';
import { handleMessage } from '../../lib/messaging/server';
import type { Settings } from '../../lib/settings';

const pack = loadPackFromDir(path.resolve(import.meta.dirname, '../fixtures/mini-pack'));
const ME = 'backstory-test-id';

function start(db: BackstoryDB) {
  let stored: Settings | undefined;
  const service = createBackgroundService({ db, pack, settingsStore: { get: async () => stored, set: async (v) => void (stored = v) } });
  const ask = (type: string, payload: unknown) => handleMessage(service.handlers, ME, { type, payload }, { id: ME, tab: { id: 1 } }) as Promise<{ ok: boolean; data?: unknown }>;
  return { service, ask };
}

/** what a fresh connection finds on disk */
async function onDisk(name: string) {
  const db = new BackstoryDB(name);
  try {
    return { packEntities: await db.entities.where('origin').equals('pack').count(), tracked: await db.trackedClaims.count(), version: await storedPackVersion(db) };
  } finally {
    db.close();
  }
}

const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => unhandled.push(reason);
beforeEach(() => {
  unhandled.length = 0;
  process.on('unhandledRejection', onUnhandled);
});
afterEach(() => {
  process.off('unhandledRejection', onUnhandled);
  vi.restoreAllMocks();
});

/** lets pending rejections surface as 'unhandledRejection' before the test looks */
const settle = async () => {
  for (let i = 0; i < 5; i++) await new Promise((r) => setImmediate(r));
};

describe('interrupted background start-up', () => {
  it('a pack install cut off half-way writes nothing; the next start installs it whole', async () => {
    const name = `restart-${Math.random()}`;
    const db = new BackstoryDB(name);
    // the context dies after the entities were written, before the tracked claims and the version mark
    vi.spyOn(db.trackedClaims, 'bulkPut').mockRejectedValueOnce(new DOMException('The context went away', 'AbortError'));
    const first = start(db);
    await first.service.ready;
    expect(first.service.storageError()).not.toBeNull();
    db.close();
    // one transaction: the entities written before the failure were rolled back with it
    expect(await onDisk(name)).toEqual({ packEntities: 0, tracked: 0, version: undefined });

    const again = start(new BackstoryDB(name));
    await again.service.ready;
    expect(again.service.storageError()).toBeNull();
    expect(await onDisk(name)).toEqual({ packEntities: pack.entities.length, tracked: pack.trackedClaims.length, version: pack.version });
    await settle();
    expect(unhandled).toEqual([]);
  });

  it('the database closing under a start-up (the context dying) rejects nothing unhandled, and pages still get the bundled pack', async () => {
    const name = `closed-${Math.random()}`;
    const db = new BackstoryDB(name);
    const { service, ask } = start(db);
    db.close(); // before the install had a chance
    await service.ready;
    const config = await ask('getContentConfig', { url: 'https://news.example/a' });
    expect(config.ok).toBe(true);
    expect((config.data as ContentConfig).table.aliases.length).toBeGreaterThan(0);
    await settle();
    expect(unhandled).toEqual([]);

    // and the next start finishes the install
    const next = start(new BackstoryDB(name));
    await next.service.ready;
    expect(await onDisk(name)).toMatchObject({ packEntities: pack.entities.length, version: pack.version });
  });

  it('starting again and again is idempotent: the same pack, no duplicate rows', async () => {
    const name = `idempotent-${Math.random()}`;
    for (let i = 0; i < 3; i++) {
      const db = new BackstoryDB(name);
      const { service } = start(db);
      await service.ready;
      expect(service.storageError()).toBeNull();
      db.close();
    }
    expect(await onDisk(name)).toEqual({ packEntities: pack.entities.length, tracked: pack.trackedClaims.length, version: pack.version });
    await settle();
    expect(unhandled).toEqual([]);
  });
});

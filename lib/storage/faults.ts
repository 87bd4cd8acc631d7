// What went wrong with IndexedDB, in words a reader can act on. Dexie wraps the browser's errors
// (OpenFailedError around an InvalidStateError, AbortError around a QuotaExceededError), so the
// whole chain of `inner` errors is read.

export type StorageFault = 'quota' | 'unavailable' | 'blocked' | 'closed' | 'other';

interface ErrorLike {
  name?: string;
  message?: string;
  inner?: unknown;
}

function chain(err: unknown): ErrorLike[] {
  const out: ErrorLike[] = [];
  for (let e = err as ErrorLike | undefined; e && typeof e === 'object' && out.length < 5; e = e.inner as ErrorLike | undefined)
    out.push(e);
  return out;
}

export function storageFaultOf(err: unknown): StorageFault {
  const names = chain(err).map((e) => e.name ?? '');
  const text = chain(err)
    .map((e) => e.message ?? '')
    .join(' ');
  if (names.some((n) => n === 'QuotaExceededError' || n === 'NS_ERROR_DOM_QUOTA_REACHED') || /quota/i.test(text)) return 'quota';
  if (
    names.includes('MissingAPIError') ||
    names.includes('InvalidStateError') ||
    names.includes('SecurityError') ||
    names.includes('UnknownError')
  )
    return 'unavailable';
  if (names.includes('DatabaseClosedError') || names.includes('NotFoundError') || names.includes('VersionError')) return 'closed';
  if (names.includes('OpenFailedError')) return 'unavailable';
  return 'other';
}

/** True for errors that come from storage rather than from the request itself. */
export function isStorageError(err: unknown): boolean {
  return storageFaultOf(err) !== 'other';
}

const MESSAGES: Record<StorageFault, string> = {
  quota:
    'Backstory’s storage in this browser is full, so the last change was not saved; everything saved before is intact. ' +
    'Free some space (delete old annotations or reading history in the manager) and try again. Highlights and cards keep working.',
  unavailable:
    'Backstory cannot use its local database in this window (private windows and some privacy settings turn it off). ' +
    'Highlights and cards still work from the built-in pack; saving and reading history are off here.',
  blocked:
    'Backstory is upgrading its storage, but an older Backstory page in another tab is keeping the old version open. ' +
    'Close other Backstory tabs (or restart the browser); nothing is lost, and highlights keep working meanwhile.',
  closed:
    'Backstory’s database was closed or removed while in use (for example when site data was cleared). ' +
    'Reopen the page or restart the browser to start a fresh one; highlights keep working meanwhile.',
  other: 'Backstory’s local storage failed, so the last change may not have been saved. Highlights and cards keep working.',
};

export function describeStorageFault(fault: StorageFault): string {
  return MESSAGES[fault];
}

/** The reader's message for a storage error, with the browser's own words at the end for a bug report. */
export function describeStorageError(err: unknown): string {
  const fault = storageFaultOf(err);
  const innermost = chain(err).at(-1);
  const detail = innermost?.message ? ` (${innermost.name ?? 'Error'}: ${innermost.message.slice(0, 160)})` : '';
  return MESSAGES[fault] + detail;
}

/** Whether `promise` settles within `ms` (false when it is still pending: an upgrade blocked by another tab). */
export function settlesWithin(promise: Promise<unknown>, ms: number): Promise<boolean> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), ms);
    promise.then(
      () => {
        clearTimeout(timer);
        resolve(true);
      },
      () => {
        clearTimeout(timer);
        resolve(true);
      },
    );
  });
}

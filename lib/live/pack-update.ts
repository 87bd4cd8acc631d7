// Checking a user-configured URL for a newer knowledge pack: schema and version first, then the
// install keeps the user's own entities (installPack).
import { PackSchema, validate, type Pack } from '../kb/schema';
import { HttpError, type FetchLike } from './http';

/** -1, 0 or 1 for MAJOR.MINOR.PATCH strings; anything else sorts as 0.0.0. */
export function compareVersions(a: string, b: string): number {
  const parse = (v: string) => (/^\d+\.\d+\.\d+$/.test(v) ? v.split('.').map(Number) : [0, 0, 0]);
  const [x, y] = [parse(a), parse(b)];
  for (let i = 0; i < 3; i++) if (x[i] !== y[i]) return x[i] < y[i] ? -1 : 1;
  return 0;
}

export type PackCheck =
  | { status: 'no-url' }
  | { status: 'up-to-date'; installed: string; remote: string }
  | { status: 'available'; installed: string; remote: string; pack: Pack }
  | { status: 'invalid'; errors: string[] }
  | { status: 'error'; error: string };

export async function checkPackUpdate(url: string, installed: string, fetchFn: FetchLike): Promise<PackCheck> {
  if (!url) return { status: 'no-url' };
  let raw: unknown;
  try {
    // a plain GET (no custom headers): any static host that allows CORS can serve a pack
    const res = await fetchFn(url, { credentials: 'omit', referrerPolicy: 'no-referrer', cache: 'no-cache' });
    if (!res.ok) throw new HttpError(res.status, `${new URL(url).host} answered ${res.status}`);
    raw = await res.json();
  } catch (err) {
    const message =
      err instanceof TypeError
        ? 'offline or the server could not be reached'
        : err instanceof SyntaxError
          ? 'the file is not JSON'
          : err instanceof Error
            ? err.message
            : String(err);
    return { status: 'error', error: `Could not fetch the pack: ${message}` };
  }
  const result = validate(PackSchema, raw);
  if (!result.ok) return { status: 'invalid', errors: result.errors };
  const remote = result.value.version;
  if (compareVersions(remote, installed) <= 0) return { status: 'up-to-date', installed, remote };
  return { status: 'available', installed, remote, pack: result.value };
}

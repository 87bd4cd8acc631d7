// Finds a span of the detector's page text again, even if the page changed since the scan.
import { rangeSpecFor, type DomRangeSpec, type TextIndex } from '../detect/extract';

/** [start, end) if `exact` is still there, else the occurrence of `exact` nearest to `start`. */
export function locateSpan(index: TextIndex, start: number, end: number, exact?: string): DomRangeSpec | null {
  if (exact && index.text.slice(start, end) !== exact) {
    let best = -1;
    for (let at = index.text.indexOf(exact); at !== -1; at = index.text.indexOf(exact, at + 1)) {
      if (best === -1 || Math.abs(at - start) < Math.abs(best - start)) best = at;
    }
    if (best === -1) return null;
    start = best;
    end = best + exact.length;
  }
  return rangeSpecFor(index, start, end);
}

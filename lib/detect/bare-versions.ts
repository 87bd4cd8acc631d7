// "He added that 5.2 would reach all subscribers", "4o still has fans": once a page names a model in full
// (GPT-5.2, GPT-4o), writers go on with its version alone. Only a version with a dot or a letter (a bare
// "4" is any number), only after the full name, never one two models on the page share, and never a
// number the words around it make a quantity ("5.2%", "$5.2 billion", "5.2 points").
import type { Mention } from './types';

/** "GPT-5.2" → "5.2", "GPT-4o" → "4o", "Claude Opus 4.5" → "4.5"; not "Llama 4" nor "Gemini 2.5 Pro". */
const VERSION_AT_END = /(?:^|[\s-])(\d{1,2}(?:\.\d{1,2}[a-z]?|[a-z]))$/;
const QUANTITY_AFTER =
  /^(?:\s?%|\s?(?:percent|per|points?|pts|million|billion|trillion|bn|m|x|times|ms|seconds?|minutes?|hours?|days?|years?|months?|GB|TB|MB|GW|MW|kW|B|M)\b|[\d,.]\d)/i;
const NUMBER_BEFORE = /[$€£¥#\d.,]\s?$/;

export interface TakenSpans {
  overlaps(start: number, end: number): boolean;
  add(start: number, end: number): void;
}

/** Bare versions of the page's models, added to `added` (the caller merges and sorts). */
export function bareVersions(text: string, mentions: readonly Mention[], taken: TakenSpans, added: Mention[]): void {
  // version → the one model named with it, and where it was first named in full
  const byVersion = new Map<string, { m: Mention; after: number } | null>();
  for (const m of mentions) {
    if (m.type !== 'model' || m.newVersion) continue;
    const v = VERSION_AT_END.exec(m.name)?.[1];
    if (!v || !m.text.endsWith(v)) continue;
    const seen = byVersion.get(v);
    if (seen === undefined) byVersion.set(v, { m, after: m.end });
    else if (seen && seen.m.entityId !== m.entityId) byVersion.set(v, null);
  }
  for (const [v, owner] of byVersion) {
    if (!owner) continue;
    for (let at = text.indexOf(v, owner.after); at >= 0; at = text.indexOf(v, at + v.length)) {
      const end = at + v.length;
      if (/[\p{L}\p{N}_.'’-]/u.test(text[at - 1] ?? ' ') || /^(?:[\p{L}\p{N}_-]|\.\d)/u.test(text.slice(end, end + 2))) continue;
      if (NUMBER_BEFORE.test(text.slice(Math.max(0, at - 2), at)) || QUANTITY_AFTER.test(text.slice(end, end + 12))) continue;
      if (taken.overlaps(at, end)) continue;
      const { m } = owner;
      added.push({ start: at, end, text: v, entityId: m.entityId, name: m.name, type: m.type });
      taken.add(at, end);
    }
  }
}

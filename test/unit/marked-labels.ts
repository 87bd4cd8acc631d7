// The inline mention markup of the AI-news label sets: "[[surface|type:id]]", id "-" for a name the pack
// lacks, a trailing "?" for an optional label (counts neither way).
import type { PipelineMention } from '../../lib/pipeline/annotate';

export type EntityType = 'model' | 'org' | 'person';
export interface MarkedLabel {
  start: number;
  end: number;
  type: EntityType;
  entityId: string | null;
  optional: boolean;
}

/** Marked text → plain text and the labels' offsets into it. */
export function parseMarked(marked: string): { text: string; labels: MarkedLabel[] } {
  const labels: MarkedLabel[] = [];
  let text = '';
  let last = 0;
  for (const m of marked.matchAll(/\[\[([^|\]]+)\|(model|org|person):([a-z0-9.-]+?)(\?)?\]\]/g)) {
    text += marked.slice(last, m.index);
    labels.push({
      start: text.length,
      end: text.length + m[1].length,
      type: m[2] as EntityType,
      entityId: m[3] === '-' ? null : m[3],
      optional: m[4] === '?',
    });
    text += m[1];
    last = m.index + m[0].length;
  }
  const rest = marked.slice(last);
  if (/\[\[|\]\]/.test(rest) || /\[\[|\]\]/.test(text)) throw new Error(`bad markup near: ${rest.slice(0, 60)}`);
  return { text: text + rest, labels };
}

/** What scoring needs of a label, whichever set it comes from. */
export type ScoredLabel = Pick<MarkedLabel, 'start' | 'end' | 'type' | 'entityId'> & { optional?: boolean };

/** A prediction matches a label when the spans overlap and the types agree, and the ids do when both are the pack's. */
export const matchesLabel = (m: PipelineMention, l: ScoredLabel) =>
  m.start < l.end && l.start < m.end && m.type === l.type && (m.discovered || l.entityId === null || m.entityId === l.entityId);

export type MentionTally = Record<EntityType | 'all', { tp: number; fp: number; found: number; wanted: number }>;

export const newMentionTally = (): MentionTally =>
  Object.fromEntries(['model', 'org', 'person', 'all'].map((t) => [t, { tp: 0, fp: 0, found: 0, wanted: 0 }])) as MentionTally;

/**
 * Counts one text's labels against the predictions: a required label found or missed, a prediction right
 * or false (one matching only optional labels counts neither way). `missed` and `wrong` hear each error.
 */
export function tallyMentions<L extends ScoredLabel>(
  tally: MentionTally,
  labels: readonly L[],
  predicted: readonly PipelineMention[],
  missed: (l: L) => void,
  wrong: (m: PipelineMention) => void,
): void {
  for (const l of labels) {
    if (l.optional) continue;
    tally[l.type].wanted++;
    tally.all.wanted++;
    if (predicted.some((m) => matchesLabel(m, l))) {
      tally[l.type].found++;
      tally.all.found++;
    } else missed(l);
  }
  for (const m of predicted) {
    const hit = labels.filter((l) => matchesLabel(m, l));
    if (hit.length && hit.every((l) => l.optional)) continue;
    const t = hit.length ? 'tp' : 'fp';
    tally[m.type][t]++;
    tally.all[t]++;
    if (!hit.length) wrong(m);
  }
}

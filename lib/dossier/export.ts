// A dossier as Markdown (to read) and as JSON: a W3C AnnotationCollection, like the annotation
// export, where the claims read are `describing` annotations, the reader's outcomes `assessing`
// ones (re-importable: importOutcomes) and saved annotations are embedded as stored.
import * as v from 'valibot';
import { ANNOTATION_CONTEXT, ENTITY_URN, CLAIM_KIND_URN, type WebAnnotation, type TextualBody } from '../annotations/model';
import { mdEscape } from '../annotations/io';
import type { OutcomeRecord } from '../db/database';
import { formatTarget } from '../predictions/target-date';
import { OUTCOMES, STATUS_LABELS, trackRecordLine, type Prediction } from '../predictions/list';
import { fragmentLink, type Dossier } from './build';
import { hashKey } from '../predictions/list';

export const OUTCOME_URN = 'urn:backstory:outcome:';
export const CLAIM_URN = 'urn:backstory:claim:';
const STATUS_URN = 'urn:backstory:outcome-status:';
const DAY = (ms: number) => new Date(ms).toISOString().slice(0, 10);

function slug(s: string): string {
  return s.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 60) || 'entity';
}

/** An outcome as a W3C annotation: `assessing` the prediction (its wording is the target's quote). */
export function outcomeToAnnotation(o: OutcomeRecord, prediction?: Pick<Prediction, 'url' | 'sources'>): WebAnnotation {
  const body: TextualBody[] = [{ type: 'TextualBody', purpose: 'assessing', value: o.outcome, id: `${STATUS_URN}${o.outcome}` }];
  if (o.note) body.push({ type: 'TextualBody', purpose: 'commenting', value: o.note, format: 'text/plain' });
  if (o.source) body.push({ type: 'TextualBody', purpose: 'linking', value: o.source, id: o.source });
  if (o.speaker) body.push({ type: 'TextualBody', purpose: 'identifying', value: o.speaker, id: `${ENTITY_URN}${o.speaker}` });
  return {
    '@context': ANNOTATION_CONTEXT,
    id: `${OUTCOME_URN}${o.id}`,
    type: 'Annotation',
    motivation: 'assessing',
    created: new Date(o.created).toISOString(),
    modified: new Date(o.modified).toISOString(),
    body,
    target: {
      source: prediction?.url ?? prediction?.sources?.[0] ?? `urn:backstory:prediction:${o.id}`,
      selector: [{ type: 'TextQuoteSelector', exact: o.statement }],
    },
  };
}

export function dossierToJson(d: Dossier, outcomes: readonly OutcomeRecord[], now = new Date()): string {
  const byId = new Map(d.predictions.map((p) => [p.id, p]));
  const claims: WebAnnotation[] = d.timeline.map((item) => {
    const body: TextualBody[] = [
      { type: 'TextualBody', purpose: 'describing', value: item.text },
      { type: 'TextualBody', purpose: 'classifying', value: item.kind, id: `${CLAIM_KIND_URN}${item.kind}` },
      { type: 'TextualBody', purpose: 'identifying', value: d.entity.name, id: `${ENTITY_URN}${d.entity.id}` },
    ];
    if (item.speaker) body.push({ type: 'TextualBody', purpose: 'identifying', value: d.names[item.speaker] ?? item.speaker, id: `${ENTITY_URN}${item.speaker}` });
    const iso = new Date(item.seenAt).toISOString();
    return {
      '@context': ANNOTATION_CONTEXT,
      id: `${CLAIM_URN}${hashKey(`${item.url}\n${item.text}`)}`,
      type: 'Annotation',
      motivation: 'describing',
      created: iso,
      modified: iso,
      body,
      target: { source: item.url, title: item.title, selector: [{ type: 'TextQuoteSelector', exact: item.text }], ...(item.published ? { published: new Date(item.published).toISOString() } : {}) },
    };
  });
  const assessed = outcomes.map((o) => outcomeToAnnotation(o, byId.get(o.id)));
  const collection = {
    '@context': ANNOTATION_CONTEXT,
    type: 'AnnotationCollection',
    label: `Backstory dossier: ${d.entity.name}`,
    generated: now.toISOString(),
    total: claims.length + assessed.length,
    'backstory:entity': `${ENTITY_URN}${d.entity.id}`,
    first: { type: 'AnnotationPage', startIndex: 0, items: [...claims, ...assessed] },
  };
  return JSON.stringify(collection, null, 2) + '\n';
}

export function dossierToMarkdown(d: Dossier, now = new Date()): string {
  const name = (id: string | null) => (id ? (d.names[id] ?? id) : '');
  const out: string[] = [`# ${mdEscape(d.entity.name)}: everything read`, '', `Exported ${now.toISOString().slice(0, 10)} from Backstory · ${d.timeline.length} claims from ${d.pages} pages`, '', mdEscape(d.entity.description), ''];
  const line = trackRecordLine(d.trackRecord);
  if (line) out.push(`**${line}**`, '');
  if (d.entity.facts?.length) {
    out.push('## Facts', '');
    for (const f of d.entity.facts) out.push(`- ${mdEscape(f.asOf)}: ${mdEscape(f.text)} ([source](${f.source}))`);
    out.push('');
  }
  if (d.disagreements.length) {
    out.push('## Figures that disagree', '');
    for (const g of d.disagreements) {
      out.push(`### ${mdEscape(g.label)}`, '', '| Figure | Where | When |', '|---|---|---|');
      if (g.more) out.push(`| … | ${g.more} more in the timeline | |`);
      for (const f of g.figures) out.push(`| ${mdEscape(f.value)} | ${f.link ? `[${mdEscape(f.title ?? f.url ?? '')}](${f.link.replace(/[()\s]/g, encodeURIComponent)})` : ''} | ${DAY(f.date)} |`);
      out.push('');
    }
  }
  out.push('## Timeline', '');
  for (const item of d.timeline) {
    const who = item.speaker ? ` · ${mdEscape(name(item.speaker))}` : '';
    const link = fragmentLink(item.url, item.text).replace(/[()\s]/g, encodeURIComponent);
    out.push(`- **${DAY(item.date)}** · ${item.kind}${who} · [${mdEscape(item.title || item.url)}](${link}) (read ${DAY(item.seenAt)})`, `  > ${mdEscape(item.text)}`);
  }
  out.push('');
  if (d.predictions.length) {
    out.push('## Predictions', '', '| Prediction | Speaker | Target | Status | Outcome note |', '|---|---|---|---|---|');
    for (const p of d.predictions) {
      const note = p.outcome ? `${mdEscape(p.outcome.note)}${p.outcome.source ? ` ([source](${p.outcome.source}))` : ''}` : (p.context ? mdEscape(p.context.slice(0, 160)) : '');
      out.push(`| ${mdEscape(p.statement)} | ${mdEscape(name(p.speaker))} | ${formatTarget(p.target)} | ${STATUS_LABELS[p.status]} | ${note} |`);
    }
    out.push('');
  }
  if (d.tracked.length) {
    out.push('## Tracked claims', '');
    for (const c of d.tracked) out.push(`- ${mdEscape(c.statement)} *(${c.status}, ${c.date})* ${c.sources.map((s) => `[source](${s})`).join(' ')}`);
    out.push('');
  }
  if (d.annotations.length) {
    out.push('## Your annotations', '');
    for (const a of d.annotations) out.push(`> ${mdEscape(a.quote)}`, '', `${a.note ? `${mdEscape(a.note)} · ` : ''}[${mdEscape(a.title)}](${a.link.replace(/[()\s]/g, encodeURIComponent)})`, '');
  }
  if (d.related.length) {
    out.push('## Related', '', d.related.map((r) => mdEscape(r.name)).join(' · '), '');
  }
  return out.join('\n');
}

export function dossierFile(d: Dossier, format: 'markdown' | 'json', outcomes: readonly OutcomeRecord[], now = new Date()) {
  const day = now.toISOString().slice(0, 10);
  return format === 'json'
    ? { filename: `backstory-dossier-${slug(d.entity.name)}-${day}.json`, mime: 'application/ld+json', content: dossierToJson(d, outcomes, now) }
    : { filename: `backstory-dossier-${slug(d.entity.name)}-${day}.md`, mime: 'text/markdown', content: dossierToMarkdown(d, now) };
}

// ---- import: outcomes back from a dossier export (claims read are not re-imported: history is the browser's own) ----

const OutcomeAnnotationSchema = v.looseObject({
  id: v.pipe(v.string(), v.startsWith(OUTCOME_URN), v.maxLength(300)),
  type: v.literal('Annotation'),
  motivation: v.literal('assessing'),
  created: v.optional(v.pipe(v.string(), v.maxLength(40))),
  modified: v.optional(v.pipe(v.string(), v.maxLength(40))),
  body: v.pipe(
    v.array(v.looseObject({ type: v.literal('TextualBody'), purpose: v.optional(v.string()), value: v.pipe(v.string(), v.maxLength(4000)), id: v.optional(v.pipe(v.string(), v.maxLength(2048))) })),
    v.maxLength(20),
  ),
  target: v.looseObject({ source: v.pipe(v.string(), v.maxLength(8192)), selector: v.optional(v.array(v.looseObject({ type: v.string(), exact: v.optional(v.pipe(v.string(), v.maxLength(4000))) }))) }),
});

export interface OutcomeImport {
  outcomes: OutcomeRecord[];
  rejected: { index: number; id?: string; reason: string }[];
  /** items that are not outcomes (claims read, saved annotations): left alone */
  skipped: number;
}

function time(iso: string | undefined, fallback: number): number {
  const ms = iso ? Date.parse(iso) : NaN;
  return Number.isFinite(ms) ? ms : fallback;
}

export function parseOutcomes(content: string, now = Date.now()): OutcomeImport | { error: string } {
  let data: unknown;
  try {
    data = JSON.parse(content.replace(/^\uFEFF/, ''));
  } catch (err) {
    return { error: `This file is not JSON (${(err as Error).message}).` };
  }
  const o = data as { first?: { items?: unknown[] }; items?: unknown[] } | unknown[];
  const items = Array.isArray(o) ? o : Array.isArray(o?.first?.items) ? o.first.items : Array.isArray(o?.items) ? o.items : null;
  if (!items) return { error: 'This is not a Backstory dossier export (expected an AnnotationCollection).' };
  if (items.length > 50_000) return { error: 'This file is too large to import.' };
  const result: OutcomeImport = { outcomes: [], rejected: [], skipped: 0 };
  items.forEach((item, index) => {
    const id = (item as { id?: unknown })?.id;
    if (typeof id !== 'string' || !id.startsWith(OUTCOME_URN)) {
      result.skipped++;
      return;
    }
    const parsed = v.safeParse(OutcomeAnnotationSchema, item);
    if (!parsed.success) {
      result.rejected.push({ index, id: id.slice(0, 200), reason: parsed.issues[0].message });
      return;
    }
    const a = parsed.output;
    const status = a.body.find((b) => b.purpose === 'assessing')?.value as OutcomeRecord['outcome'] | undefined;
    if (!status || !OUTCOMES.includes(status)) {
      result.rejected.push({ index, id, reason: `the assessing body must be one of ${OUTCOMES.join(', ')}` });
      return;
    }
    const source = a.body.find((b) => b.purpose === 'linking')?.value;
    if (source && !/^https?:\/\//i.test(source)) {
      result.rejected.push({ index, id, reason: 'the source link must be an http(s) URL' });
      return;
    }
    const speakerId = a.body.find((b) => b.purpose === 'identifying')?.id;
    result.outcomes.push({
      id: a.id.slice(OUTCOME_URN.length),
      outcome: status,
      note: a.body.find((b) => b.purpose === 'commenting')?.value ?? '',
      ...(source ? { source } : {}),
      statement: a.target.selector?.find((s) => s.type === 'TextQuoteSelector')?.exact ?? '',
      speaker: speakerId?.startsWith(ENTITY_URN) ? speakerId.slice(ENTITY_URN.length) : null,
      created: time(a.created, now),
      modified: time(a.modified, now),
    });
  });
  return result;
}

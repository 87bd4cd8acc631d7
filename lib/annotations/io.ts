// Export (JSON as a W3C AnnotationCollection, CSV, Markdown) and import (JSON, validated first).
import * as v from 'valibot';
import { claimOf, displayQuote, entityOf, noteOf, positionOf, siteOf, tagsOf, urlWithTextFragment, type WebAnnotation } from './model';
import { MAX_IMPORT, WebAnnotationSchema } from './schema';
import { quoteSelector } from '../anchor/selectors';

export type ExportFormat = 'json' | 'csv' | 'markdown';

export interface ExportFile {
  filename: string;
  mime: string;
  content: string;
}

const EXTENSIONS: Record<ExportFormat, [string, string]> = {
  json: ['json', 'application/ld+json'],
  csv: ['csv', 'text/csv'],
  markdown: ['md', 'text/markdown'],
};

export function exportAnnotations(annotations: WebAnnotation[], format: ExportFormat, now = new Date()): ExportFile {
  const [ext, mime] = EXTENSIONS[format];
  const day = now.toISOString().slice(0, 10);
  const content = format === 'json' ? toJson(annotations, now) : format === 'csv' ? toCsv(annotations) : toMarkdown(annotations, now);
  return { filename: `backstory-annotations-${day}.${ext}`, mime, content };
}

/** A W3C AnnotationCollection with every annotation embedded, exactly as stored: re-importable without loss. */
export function toJson(annotations: WebAnnotation[], now = new Date()): string {
  const collection = {
    '@context': 'http://www.w3.org/ns/anno.jsonld',
    type: 'AnnotationCollection',
    label: 'Backstory annotations',
    generated: now.toISOString(),
    total: annotations.length,
    first: { type: 'AnnotationPage', startIndex: 0, items: annotations },
  };
  return `${JSON.stringify(collection, null, 2)}\n`;
}

const CSV_COLUMNS = [
  'id',
  'created',
  'modified',
  'site',
  'title',
  'url',
  'quote',
  'note',
  'tags',
  'entity',
  'claim_kind',
  'prefix',
  'suffix',
  'start',
  'end',
  'link',
] as const;

/** RFC 4180 quoting; a cell that a spreadsheet would run as a formula is prefixed with a quote mark. */
export function csvCell(value: string | number | undefined): string {
  let s = value === undefined ? '' : String(value);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function toCsv(annotations: WebAnnotation[]): string {
  const rows = [CSV_COLUMNS.join(',')];
  for (const a of annotations) {
    const q = quoteSelector(a.target.selector);
    const pos = positionOf(a);
    const cells: (string | number | undefined)[] = [
      a.id,
      a.created,
      a.modified,
      siteOf(a.target.scope ?? a.target.source),
      a.target.title,
      a.target.source,
      q?.exact,
      noteOf(a),
      tagsOf(a).join('; '),
      entityOf(a)?.name,
      claimOf(a)?.kind,
      q?.prefix,
      q?.suffix,
      pos?.start,
      pos?.end,
      urlWithTextFragment(a),
    ];
    rows.push(cells.map(csvCell).join(','));
  }
  // BOM: spreadsheet apps read the file as UTF-8 only with it
  return `\uFEFF${rows.join('\r\n')}\r\n`;
}

/** Page text is untrusted: escape what Markdown (and HTML inside Markdown) would interpret. */
export function mdEscape(s: string): string {
  return s
    .replace(/[\\`*_[\]<>|~&]/g, (c) => `\\${c}`)
    .replace(/^(\s*)([#+=-])/gm, '$1\\$2')
    .replace(/^(\s*\d+)([.)])/gm, '$1\\$2');
}

function mdUrl(url: string): string {
  return url.replace(/[()<>\s]/g, (c) => encodeURIComponent(c));
}

export function toMarkdown(annotations: WebAnnotation[], now = new Date()): string {
  const out: string[] = [
    '# Backstory annotations',
    '',
    `Exported ${now.toISOString().slice(0, 10)} · ${annotations.length} annotation${annotations.length === 1 ? '' : 's'}`,
    '',
  ];
  const byPage = new Map<string, WebAnnotation[]>();
  for (const a of annotations) {
    const key = a.target.source;
    byPage.set(key, [...(byPage.get(key) ?? []), a]);
  }
  for (const [source, list] of byPage) {
    const title = list.find((a) => a.target.title)?.target.title || source;
    out.push(`## [${mdEscape(title)}](${mdUrl(source)})`, '', `*${mdEscape(siteOf(source))}*`, '');
    for (const a of list) {
      out.push(
        ...displayQuote(a)
          .split('\n')
          .map((line) => `> ${mdEscape(line)}`),
        '',
      );
      const note = noteOf(a);
      if (note) out.push(...note.split('\n').map(mdEscape), '');
      const meta: string[] = [`Saved ${a.created.slice(0, 10)}`];
      const tags = tagsOf(a);
      if (tags.length) meta.push(`Tags: ${tags.map((t) => `#${mdEscape(t.replace(/\s+/g, '-'))}`).join(' ')}`);
      const entity = entityOf(a);
      if (entity) meta.push(`About: ${mdEscape(entity.name)}`);
      const claim = claimOf(a);
      if (claim) meta.push(`Claim (${mdEscape(claim.kind)})`);
      meta.push(`[Open at this passage](${mdUrl(urlWithTextFragment(a))})`);
      out.push(meta.join(' · '), '', '---', '');
    }
  }
  return out.join('\n');
}

// ---- import ----

export interface Rejection {
  /** position in the file (0-based) */
  index: number;
  id?: string;
  reason: string;
}

export type ParsedImport = { ok: true; annotations: WebAnnotation[]; rejected: Rejection[]; total: number } | { ok: false; error: string };

function itemsOf(data: unknown): unknown[] | null {
  if (Array.isArray(data)) return data;
  if (!data || typeof data !== 'object') return null;
  const o = data as Record<string, unknown>;
  const isType = (t: string) => o.type === t || (Array.isArray(o.type) && o.type.includes(t));
  if (isType('Annotation')) return [data];
  if (isType('AnnotationPage') && Array.isArray(o.items)) return o.items;
  if (isType('AnnotationCollection')) {
    const first = o.first as Record<string, unknown> | undefined;
    if (first && typeof first === 'object' && Array.isArray(first.items)) return first.items;
    if (o.total === 0) return [];
  }
  return null;
}

function describe(issues: v.BaseIssue<unknown>[]): string {
  // the deepest issue names the field; valibot reports union failures at the union
  const issue = issues[0];
  const path = (issue.path ?? [])
    .map((p) => (typeof p.key === 'number' ? `[${p.key}]` : `.${String(p.key)}`))
    .join('')
    .replace(/^\./, '');
  return `${path || 'annotation'}: ${issue.message}`;
}

/** Reads an export file. Every annotation is checked before anything is stored; a bad one is rejected with its reason. */
export function parseImport(content: string): ParsedImport {
  let data: unknown;
  try {
    data = JSON.parse(content.replace(/^\uFEFF/, ''));
  } catch (err) {
    return {
      ok: false,
      error: `This file is not JSON (${(err as Error).message}). Import reads the JSON export; CSV and Markdown exports are for reading elsewhere.`,
    };
  }
  const items = itemsOf(data);
  if (!items)
    return {
      ok: false,
      error:
        'This JSON is not a Backstory or W3C Web Annotation export: expected an AnnotationCollection, an AnnotationPage, a list of annotations or one annotation.',
    };
  if (items.length > MAX_IMPORT)
    return { ok: false, error: `This file holds ${items.length} annotations; at most ${MAX_IMPORT} can be imported at once.` };
  const annotations: WebAnnotation[] = [];
  const rejected: Rejection[] = [];
  items.forEach((item, index) => {
    const id =
      item && typeof item === 'object' && typeof (item as { id?: unknown }).id === 'string'
        ? (item as { id: string }).id.slice(0, 200)
        : undefined;
    const parsed = v.safeParse(WebAnnotationSchema, item);
    if (parsed.success) annotations.push(parsed.output as unknown as WebAnnotation);
    else rejected.push({ index, id, reason: describe(parsed.issues) });
  });
  return { ok: true, annotations, rejected, total: items.length };
}

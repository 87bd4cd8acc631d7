// Starter detector: one combined alternation over normalised aliases, with context and short-form rules.
import type { AliasTable, CompiledAlias } from '../kb/alias-table';
import type { DetectionResult, Mention } from './types';

/** Same-length normalisation so offsets in the normalised text equal offsets in the original. */
export function normaliseChar(ch: string): string {
  switch (ch) {
    case '\u2018': case '\u2019': case '\u02BC': case '\u2032': return "'";
    case '\u201C': case '\u201D': case '\u2033': return '"';
    case '\u2010': case '\u2011': case '\u2012': case '\u2013': case '\u2014': case '\u00B7': case '\u2027': return '-';
    case '\u00A0': case '\u2009': case '\u202F': case '\n': case '\t': return ' ';
    default: return ch;
  }
}

export function normaliseText(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) out += normaliseChar(text[i]);
  return out;
}

const AI_WORDS = /\b(AI|A\.I\.|artificial intelligence|machine learning|LLMs?|language models?|chatbots?|neural|GPUs?|open[- ]source|open[- ]weight|reasoning model|training|inference|benchmarks?|parameters|data cent(?:er|re)s?|generative)\b/gi;

export interface DetectOptions {
  /** Ignore the relevance gate ("scan this page anyway"). */
  force?: boolean;
}

export interface Detector {
  detect(text: string, options?: DetectOptions): DetectionResult;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export function createDetector(table: AliasTable): Detector {
  const byKey = new Map<string, CompiledAlias[]>();
  for (const alias of table.aliases) {
    const key = normaliseText(alias.text).toLowerCase();
    const list = byKey.get(key) ?? [];
    list.push(alias);
    byKey.set(key, list);
  }
  const keys = [...byKey.keys()].sort((a, b) => b.length - a.length);
  const pattern = keys.length
    ? new RegExp(`(?<![\\p{L}\\p{N}_])(?:${keys.map((k) => escapeRegExp(k).replace(/[- ]/g, '[- ]')).join('|')})(?![\\p{L}\\p{N}_]|-\\p{L})`, 'giu')
    : null;

  return {
    detect(text, options = {}) {
      const norm = normaliseText(text);
      const aiHits = (text.match(AI_WORDS) ?? []).length;
      const mentions: Mention[] = [];
      const seenEntities = new Set<number>();
      let strongMentions = 0;
      if (pattern) {
        pattern.lastIndex = 0;
        for (let m = pattern.exec(norm); m; m = pattern.exec(norm)) {
          const surface = text.slice(m.index, m.index + m[0].length);
          const key = m[0].toLowerCase().replace(/-/g, (d, i) => (byKey.has(m![0].toLowerCase()) ? d : d));
          const candidates = byKey.get(key) ?? byKey.get(key.replace(/-/g, ' ')) ?? byKey.get(key.replace(/ /g, '-')) ?? [];
          const alias = candidates.find((a) => !a.caseSensitive || normaliseText(a.text).replace(/-/g, ' ') === normaliseText(surface).replace(/-/g, ' '));
          if (!alias) continue;
          if (alias.shortForm && !seenEntities.has(alias.entity)) continue;
          if (alias.ambiguous) {
            const window = norm.slice(Math.max(0, m.index - 200), m.index + m[0].length + 200).toLowerCase();
            const supported = alias.context.some((c) =>
              c.startsWith('@') ? seenEntityId(table, seenEntities, c.slice(1)) : window.includes(c),
            );
            if (!supported) continue;
          } else {
            strongMentions++;
          }
          seenEntities.add(alias.entity);
          const entity = table.entities[alias.entity];
          mentions.push({ start: m.index, end: m.index + m[0].length, text: surface, entityId: entity.id, name: entity.name, type: entity.type });
        }
      }
      const words = Math.max(1, text.split(/\s+/).length);
      const relevance = Math.min(1, ((aiHits + strongMentions * 2) / words) * 40);
      const gated = relevance < 0.25 && !options.force;
      return { relevance: Math.round(relevance * 1000) / 1000, gated, mentions: gated ? [] : mentions };
    },
  };
}

function seenEntityId(table: AliasTable, seen: Set<number>, id: string): boolean {
  for (const index of seen) if (table.entities[index].id === id) return true;
  return false;
}

// "[[surface|type:entity-id]]" markup, used by the labelled detection sets.
export interface ExpectedMention {
  start: number;
  end: number;
  type: string;
  entityId: string;
}

/** Marked-up text → plain text and the expected spans. */
export function parseLabelled(marked: string): { text: string; expected: ExpectedMention[] } {
  const expected: ExpectedMention[] = [];
  let text = '';
  let last = 0;
  for (const m of marked.matchAll(/\[\[([^|\]]+)\|(model|org|person):([a-z0-9-]+)\]\]/g)) {
    text += marked.slice(last, m.index);
    expected.push({ start: text.length, end: text.length + m[1].length, type: m[2], entityId: m[3] });
    text += m[1];
    last = m.index + m[0].length;
  }
  return { text: text + marked.slice(last), expected };
}

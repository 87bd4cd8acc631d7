// How a labelled speaker is compared with ours, shared by the accuracy tests that label speakers by name.

const norm = (s: string) =>
  s
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[’']s$/, '')
    .replace(/[^\p{L}\p{N}\s&-]/gu, ' ')
    .trim();
const lastToken = (s: string) => norm(s).split(/\s+/).pop() ?? '';

/** The labelled speaker and ours agree: same surname (last word), same organisation name, both unnamed, or both none. */
export function sameSpeaker(labelled: string | null, ours: string | null | undefined): boolean {
  if (labelled === null) return ours === null || ours === undefined;
  if (!ours) return false;
  if (labelled === 'unnamed' || ours === 'unnamed') return labelled === ours;
  const a = norm(labelled);
  const b = norm(ours);
  if (a === b || lastToken(a) === lastToken(b)) return true;
  // an organisation by its initials ("AP" / "Associated Press", "DOT" / "Department of Transportation")
  const initials = (x: string) =>
    x
      .split(/\s+/)
      .map((w) => w[0])
      .join('');
  if ((b.length <= 5 && !b.includes(' ') && initials(a) === b) || (a.length <= 5 && !a.includes(' ') && initials(b) === a)) return true;
  // an organisation given shorter or longer ("the Federal Communications Commission" / "FCC" aside)
  return (a.length >= 3 && b.includes(a)) || (b.length >= 3 && a.includes(b));
}

// A guess at a named person's gender, so "she said" goes to the last woman named and "he said" to
// the last man, not simply to the last person. Evidence, strongest first: an honorific on the page
// ("Mr. Smith", "Ms. Smith"), the pronouns that follow the name in its own sentence ("Smith said she
// …"), and a small lexicon of common first names. Unknown when the evidence is absent or split.

export type Gender = 'm' | 'f';

// Common first names (a small list: the page's own pronouns and honorifics do most of the work).
// (with names common outside the English-speaking world, which AI news quotes as often)
const FEMALE = new Set(
  'odile priscilla felicia wendy brooke liz mara nadia priya ananya anika mei ling yuki sofia sophia maria ana ines elena fatima aisha amara leila layla mira noor zara sara hana hannah fidji daniela francesca giulia chiara ingrid astrid freya greta anja katja olga irina natalia svetlana yasmin rania lina mina camille claire chloe manon isabelle beatriz lucia carmen paula marta ewa agnieszka sunita deepa meera divya shreya neha pooja aditi akiko keiko naomi ursula ruth esther miriam rachel leah daphne joelle fei-fei mary patricia jennifer linda elizabeth barbara susan jessica sarah karen lisa nancy betty sandra margaret ashley kimberly emily donna michelle carol amanda melissa deborah stephanie rebecca sharon laura cynthia kathleen amy angela shirley anna brenda pamela emma nicole helen samantha katherine christine debra rachel carolyn janet catherine maria heather diane ruth julie olivia joyce virginia victoria kelly lauren christina joan evelyn judith megan andrea cheryl hannah jacqueline martha gloria teresa ann sara madison frances kathryn janice jean abigail alice judy sophia grace denise amber doris marilyn danielle beverly isabella theresa diana natalie brittany charlotte marie kayla alexis lori claire fiona sophie chloe lucy ella mia ava zoe nina eva ines ana elena irene julia monica silvia yasmin fatima aisha priya anjali mei ling yuki sakura keiko hillary kamala nikki janet sheryl susan fei-fei daniela marissa arianna meredith kara ruth sinead mira lina leila sheila polly debbie alexandra katrina natasha svetlana olga tatiana ingrid astrid greta freya alicia veronica valerie vanessa tiffany rosa carmen carla lucia paula sonia tanya'.split(
    ' ',
  ),
);
const MALE = new Set(
  'graham lionel jonah bram gerhard damien maurice paolo antonio jared teodor demis mustafa ilya satya sundar dario arthur aidan clem alexandr yann kai omar ahmed mohammed muhammad ali hassan karim tariq raj rahul arjun vikram sanjay amit rohan ravi anil sunil deepak kenji hiroshi takeshi wei jun jian hao lei tao sergey dmitri ivan nikolai mikhail andrei pavel igor lars sven nils anders erik henrik jonas mattias pierre jean francois louis antoine olivier thierry marco luca giovanni matteo carlos diego javier miguel pablo jorge luis joao pedro rafael tomas tomasz mateo hans jurgen klaus wolfgang stefan tobias lukas felix moritz piotr marek jakub elon reid marc vinod masayoshi noam geoffrey yoshua andrej gideon idris james robert john michael david william richard joseph thomas charles christopher daniel matthew anthony mark donald steven paul andrew joshua kenneth kevin brian george timothy ronald edward jason jeffrey ryan jacob gary nicholas eric jonathan stephen larry justin scott brandon benjamin samuel gregory alexander frank patrick raymond jack dennis jerry tyler aaron jose adam nathan henry douglas zachary peter kyle noah ethan jeremy walter christian keith roger terry austin sean gerald carl harold dylan arthur lawrence jordan jesse bryan billy bruce gabriel joe logan albert willie alan eugene russell vincent philip bobby johnny bradley roy ralph louis randy wayne elijah liam lucas oliver hugo felix max leo jan lars sven hans klaus pierre jean-luc luca marco giovanni carlos juan luis miguel pedro diego rahul amit raj arjun sundar satya jensen elon sam dario demis mustafa yann geoffrey yoshua ilya greg bill steve tim jeff mike dave tom bob jim ben dan nick josh chris matt rob joe barack mitt bernie ted marco vladimir xi narendra emmanuel olaf boris rishi keir justin liang wang zhang masayoshi reid marc ashton vinod'.split(
    ' ',
  ),
);

const HONORIFIC = /\b(Mr|Mrs|Ms|Miss|Sir|Dame|Lord|Lady)\.?\s+(?:\p{Lu}[\p{L}’'-]*\s+){0,2}(\p{Lu}[\p{L}’'-]+)/gu;

/** Gender guesses for the people of one page, looked up by name (full or surname). */
export class PageGenders {
  private bySurname = new Map<string, { m: number; f: number }>();
  private cache = new Map<string, Gender | null>();

  /** each capitalised word: where it ends (its first dozen plain uses) and the capitalised words right before it */
  private words = new Map<string, { ends: number[]; before: Set<string> }>();

  constructor(private readonly text: string) {
    // one pass over the text, so a page with thousands of names is not scanned once per name
    const WORD = /(?<![\p{L}])\p{Lu}[\p{L}’'-]*/gu;
    let previous: { word: string; end: number } | null = null;
    for (let m = WORD.exec(text); m; m = WORD.exec(text)) {
      const possessive = /[’']s$/.test(m[0]);
      const word = m[0].replace(/[’']s$/, '');
      const entry = this.words.get(word) ?? { ends: [], before: new Set<string>() };
      if (!this.words.has(word)) this.words.set(word, entry);
      const end = m.index + m[0].length;
      if (!possessive && entry.ends.length < 12 && !/\p{L}/u.test(text[end] ?? '')) entry.ends.push(end);
      // "Mark Cancian", "Mark J. Cancian": the word before, across an initial
      if (previous && /^\s+(?:\p{Lu}\.\s+)?$/u.test(text.slice(previous.end, m.index)) && entry.before.size < 8)
        entry.before.add(previous.word.toLowerCase());
      if (!/^\p{Lu}\.?$/u.test(word)) previous = { word, end };
    }
    HONORIFIC.lastIndex = 0;
    for (let m = HONORIFIC.exec(text); m; m = HONORIFIC.exec(text)) {
      const female = /^(?:Mrs|Ms|Miss|Dame|Lady)$/.test(m[1]);
      this.vote(m[2], female ? 'f' : 'm', 3);
    }
  }

  private vote(surname: string, g: Gender, weight: number): void {
    const v = this.bySurname.get(surname) ?? { m: 0, f: 0 };
    v[g] += weight;
    this.bySurname.set(surname, v);
  }

  /** "Jo Smith" → 'f', 'm' or null when the page does not tell. */
  of(name: string | null | undefined): Gender | null {
    if (!name) return null;
    const clean = name.replace(/[’']s$/, '').trim();
    const cached = this.cache.get(clean);
    if (cached !== undefined) return cached;
    const words = clean.split(/\s+/);
    const surname = words[words.length - 1];
    const votes = { m: 0, f: 0, ...(this.bySurname.get(surname) ?? {}) };
    const indexed = this.words.get(surname);
    // the name as a subject, a pronoun a few plain words on: "Smith said she", "Smith lost her seat";
    // not a possessor ("Smith’s term ended, she said") nor across a comma or another name
    for (const end of indexed?.ends ?? []) {
      const after = this.text.slice(end, end + 80);
      const near = /^\s+(?:[\p{Ll}-]+\s+){0,5}?(he|him|his|himself|she|her|hers|herself)\b/u.exec(after);
      // "him" and "her" are often someone else, the object of the verb ("Smith stood over her")
      if (!near || /^(?:him|her)$/i.test(near[1])) continue;
      this.addVote(votes, pronounGender(near[1])!, 1);
    }
    // the first name: the word before the surname ("Fed Chair Janet Yellen" → Janet)
    // (for a surname alone, the first names the page puts before it: "Cancian" → "Mark Cancian")
    const firsts = new Set<string>(words.length > 1 ? [words[words.length - 2].toLowerCase()] : (indexed?.before ?? []));
    for (const first of firsts) {
      if (FEMALE.has(first)) votes.f += 1.5;
      else if (MALE.has(first)) votes.m += 1.5;
    }
    const g = votes.m > votes.f ? 'm' : votes.f > votes.m ? 'f' : null;
    this.cache.set(clean, g);
    return g;
  }

  private addVote(votes: { m: number; f: number }, g: Gender, weight: number): void {
    votes[g] += weight;
  }
}

/** Is this word a common first name ("Priya", "Tom")? A capitalised pair starting with one is a person. */
export function isFirstName(word: string): boolean {
  const w = word.toLowerCase();
  return FEMALE.has(w) || MALE.has(w);
}

/** The gender a pronoun asks for. */
export function pronounGender(word: string): Gender | null {
  if (/^(?:he|him|his|himself)$/i.test(word)) return 'm';
  if (/^(?:she|her|hers|herself)$/i.test(word)) return 'f';
  return null;
}

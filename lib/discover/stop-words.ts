// Capitalised words that are never part of a name (lib/discover/lexicon.ts re-exports them; the
// content script's name forms import them from here, without the lexicon's other lists).

/** Capitalised words that start sentences or phrases, titles, months, days: never part of a name. */
export const STOP_WORDS = new Set(
  `the a an this that these those its it their his her our your my we they he she i you
  and or but if when while after before since until as at by for from in into of on to with without
  however meanwhile still separately also yet then now today yesterday tomorrow last next this earlier later
  there here what which who whom whose why how where both either neither each every some many most more
  according despite although though because unless whether instead
  mr mrs ms dr prof sir dame lord lady
  chief executive executives officer officers technology operating financial president presidents vice head heads director
  directors founder founders co-founder cofounder partner partners senior junior principal managing general manager
  chairman chairwoman chair professor researcher researchers scientist scientists engineer engineers analyst analysts
  editor reporter spokesperson spokesman spokeswoman minister secretary governor senator mayor ambassador
  january february march april may june july august september october november december
  monday tuesday wednesday thursday friday saturday sunday
  ai api gpu gpus ceo cto coo cfo phd
  north south east west northern southern eastern western central
  breaking update updated exclusive opinion analysis photo video watch read more`.split(/\s+/),
);

// Small word lists that keep places, titles and ordinary capitalised words from passing as names.

// (in a module of its own: the content script needs only these, not the lists below)
export { STOP_WORDS } from './stop-words';

/** Words that make a name an organisation's, not a person's. */
export const ORG_WORDS = new Set(
  `labs lab systems group capital ventures partners inc corp corporation company co ltd llc plc gmbh sa ag
  technologies technology tech intelligence data robotics compute computing semiconductor semiconductors
  institute foundation fund project forum network networks holdings industries bank securities research
  ai cloud software solutions studio studios media health health analytics dynamics motors energy`.split(/\s+/),
);

/** Institutions that are not AI organisations to discover: universities, governments, media. */
export const ORG_EXCLUDE_WORD = new Set(
  `university universities college school academy hospital ministry commission department agency court council
  parliament senate congress government police army navy committee bureau office administration authority
  times post journal news herald tribune guardian telegraph gazette daily weekly magazine press reuters
  stock exchange nasdaq nyse street`.split(/\s+/),
);

// Countries, big cities, US states and regions that show up in AI news ("the London-based…", "in Paris").
const PLACES = new Set(
  `afghanistan albania algeria argentina armenia australia austria azerbaijan bahrain bangladesh belarus belgium bolivia
  brazil bulgaria cambodia cameroon canada chile china colombia croatia cuba cyprus czechia denmark ecuador egypt estonia
  ethiopia finland france georgia germany ghana greece hungary iceland india indonesia iran iraq ireland israel italy
  japan jordan kazakhstan kenya korea kuwait latvia lebanon lithuania luxembourg malaysia malta mexico moldova mongolia
  morocco nepal netherlands nigeria norway oman pakistan panama peru philippines poland portugal qatar romania russia
  rwanda serbia singapore slovakia slovenia spain sweden switzerland syria taiwan tanzania thailand tunisia turkey
  uganda ukraine uruguay uzbekistan venezuela vietnam yemen zambia zimbabwe
  united states united kingdom united arab emirates south korea north korea new zealand south africa saudi arabia hong kong
  europe asia africa america americas oceania antarctica
  european union silicon valley wall street
  london paris berlin munich hamburg frankfurt zurich geneva vienna amsterdam rotterdam brussels madrid barcelona lisbon
  rome milan turin dublin edinburgh manchester cambridge oxford stockholm oslo copenhagen helsinki warsaw prague budapest
  athens istanbul moscow kyiv tel aviv jerusalem dubai abu dhabi riyadh doha cairo lagos nairobi johannesburg cape town
  tokyo osaka kyoto seoul busan beijing shanghai shenzhen hangzhou guangzhou chengdu wuhan nanjing taipei hsinchu
  singapore bangalore bengaluru mumbai delhi new delhi hyderabad chennai pune jakarta manila bangkok hanoi sydney
  melbourne toronto montreal vancouver ottawa mexico city sao paulo são paulo rio de janeiro buenos aires santiago bogota
  lima lyon marseille toulouse nice
  new york san francisco los angeles san jose palo alto mountain view menlo park cupertino redmond seattle boston
  austin dallas houston chicago atlanta miami denver phoenix pittsburgh philadelphia washington detroit portland
  san diego las vegas salt lake city nashville raleigh new jersey brooklyn manhattan
  alabama alaska arizona arkansas california colorado connecticut delaware florida hawaii idaho illinois indiana iowa
  kansas kentucky louisiana maine maryland massachusetts michigan minnesota mississippi missouri montana nebraska
  nevada new hampshire new mexico north carolina north dakota ohio oklahoma oregon pennsylvania rhode island
  south carolina south dakota tennessee texas utah vermont virginia west virginia wisconsin wyoming
  bavaria scotland wales england catalonia quebec ontario gujarat karnataka`
    .split(/\s+/)
    .filter(Boolean),
);

// multi-word places, matched as whole names
const MULTI_WORD_PLACES = new Set([
  'united states',
  'united kingdom',
  'united arab emirates',
  'south korea',
  'north korea',
  'new zealand',
  'south africa',
  'saudi arabia',
  'hong kong',
  'european union',
  'silicon valley',
  'wall street',
  'tel aviv',
  'abu dhabi',
  'cape town',
  'new delhi',
  'mexico city',
  'sao paulo',
  'são paulo',
  'rio de janeiro',
  'buenos aires',
  'new york',
  'san francisco',
  'los angeles',
  'san jose',
  'palo alto',
  'mountain view',
  'menlo park',
  'san diego',
  'las vegas',
  'salt lake city',
  'new jersey',
  'new hampshire',
  'new mexico',
  'north carolina',
  'north dakota',
  'rhode island',
  'south carolina',
  'south dakota',
  'west virginia',
  'mount pleasant',
  'white house',
  'capitol hill',
  'downing street',
  'middle east',
  'bay area',
  'sand hill road',
  'latin america',
  'southeast asia',
  'east asia',
  'north america',
  'south america',
]);

export function isPlace(name: string): boolean {
  const key = name.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();
  return MULTI_WORD_PLACES.has(key) || (!key.includes(' ') && PLACES.has(key));
}

import { analyzeWord } from './analyze.ts';

/**
 * Common English irregular verbs: base, past, past participle (a slash separates alternatives). A stemmer
 * reduces "sends" and "sending" to "send" but cannot know that "sent" is the same verb, and news tells in
 * the past what questions ask in the present ("What does North Korea send?" — "North Korea has sent …").
 * Verbs the stop words drop (be, have, do, go, tell, know) are left out.
 */
const IRREGULAR_VERBS = `
arise arose arisen | awake awoke awoken | bear bore born/borne | beat beat beaten | become became become
begin began begun | bend bent bent | bind bound bound | bite bit bitten | bleed bled bled | blow blew blown
break broke broken | breed bred bred | bring brought brought | build built built | burn burnt burnt
buy bought bought | catch caught caught | choose chose chosen | cling clung clung | come came come
creep crept crept | deal dealt dealt | dig dug dug | draw drew drawn | dream dreamt dreamt | drink drank drunk
drive drove driven | eat ate eaten | fall fell fallen | feed fed fed | feel felt felt | fight fought fought
find found found | flee fled fled | fly flew flown | forbid forbade forbidden | foresee foresaw foreseen
forget forgot forgotten | forgive forgave forgiven | freeze froze frozen | get got got/gotten | give gave given
grind ground ground | grow grew grown | hang hung hung | hear heard heard | hide hid hidden | hold held held
keep kept kept | kneel knelt knelt | lay laid laid | lead led led | lean leant leant | leap leapt leapt
learn learnt learnt | leave left left | lend lent lent | lie lay lain | light lit lit | lose lost lost
make made made | mean meant meant | meet met met | mislead misled misled | mistake mistook mistaken
overcome overcame overcome | overtake overtook overtaken | overthrow overthrew overthrown | pay paid paid
prove proved proven | ride rode ridden | ring rang rung | rise rose risen | run ran run | say said said
see saw seen | seek sought sought | sell sold sold | send sent sent | shake shook shaken | shine shone shone
shoot shot shot | show showed shown | shrink shrank shrunk | sing sang sung | sink sank sunk | sit sat sat
sleep slept slept | slide slid slid | speak spoke spoken | speed sped sped | spend spent spent | spin spun spun
spring sprang sprung | stand stood stood | steal stole stolen | stick stuck stuck | sting stung stung
strike struck struck/stricken | strive strove striven | swear swore sworn | sweep swept swept
swim swam swum | swing swung swung | take took taken | teach taught taught | tear tore torn
think thought thought | throw threw thrown | undergo underwent undergone | understand understood understood
undertake undertook undertaken | uphold upheld upheld | wake woke woken | wear wore worn | weave wove woven
weep wept wept | win won won | wind wound wound | withdraw withdrew withdrawn | withhold withheld withheld
withstand withstood withstood | write wrote written`;

/** Each irregular verb form's index term, to the index terms of the verb's other forms. Made once, at import (~1 ms). */
const FAMILIES: ReadonlyMap<string, readonly string[]> = (() => {
  const families = new Map<string, readonly string[]>();
  for (const verb of IRREGULAR_VERBS.split(/[|\n]/)) {
    const words = verb.trim().split(/[\s/]+/);
    const terms = [...new Set(words.flatMap((word) => analyzeWord(word)))];
    for (const t of terms) {
      const others = terms.filter((o) => o !== t);
      families.set(t, [...new Set([...(families.get(t) ?? []), ...others])]);
    }
  }
  return families;
})();

/**
 * The index terms of the other forms of an irregular verb, given the index term of one of them
 * (`send` → `sent`; `sent` → `send`); none for any other term.
 */
export function irregularForms(term: string): readonly string[] {
  return FAMILIES.get(term) ?? [];
}

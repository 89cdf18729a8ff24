/**
 * The benchmark's own English stop-word list: the usual function words plus question words. Baseline (b)
 * drops these from a question before searching raw MiniSearch, and the generators never pick them as a
 * question's content words. Kept here (not imported from `src/`) so the baselines stay fixed while the
 * core's own analysis changes.
 */
export const BENCH_STOP_WORDS: ReadonlySet<string> = new Set(
  `a about above after again against all also am an and any are as at be because been before being below
between both but by can cannot could did do does doing down during each even ever few for from further had
has have having he her here hers herself him himself his how i if in into is it its itself just let may me
might more most must my myself no nor not of off on once only or other ought our ours ourselves out over own
per same shall she should since so some still such than that the their theirs them themselves then there
these they this those through to too under until up upon us very via was we were what whatever when where
whether which while who whom whose why will with within without would yet you your yours yourself
yourselves tell told please kind sort thing things anything something everything nothing know go goes going
gone went happen happens happened happening across along among around behind beside besides beyond toward
towards onto despite throughout unto alongside amongst`.split(/\s+/),
);

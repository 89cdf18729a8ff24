import { countries } from 'countries-list';

/**
 * The world's countries, each as its names as written: its common name, its aliases and its capital
 * ("North Korea", "DPRK", "Pyongyang"), from the `countries-list` data — what `PlaceNames` is made of.
 */
export function countryNames(): string[][] {
  return Object.values(countries).map((c) => [c.name, ...(c.alias ?? []), ...(c.capital ? [c.capital] : [])]);
}

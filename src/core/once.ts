/**
 * `make`, called on the first call only; later calls return what it returned. For what is read or built
 * on first need and then kept by the object that asked for it (word vectors, place names).
 */
export function once<T>(make: () => T): () => T {
  let made: { value: T } | undefined;
  return () => {
    made ??= { value: make() };
    return made.value;
  };
}

/**
 * What `make` gives for `key`, made once per key while `made` (a weak map its owner keeps, or none: made
 * every time) holds it. For what is derived from an object that never changes in place (a parsed article).
 */
export function madeFor<K extends object, V>(
  made: WeakMap<K, V> | undefined,
  key: K,
  make: (key: K) => V,
): V {
  const known = made?.get(key);
  if (known !== undefined) return known;
  const value = make(key);
  made?.set(key, value);
  return value;
}

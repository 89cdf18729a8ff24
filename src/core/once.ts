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

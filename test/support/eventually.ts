/**
 * Polls until `find` returns something truthy and returns it: every `pollMs`, failing after `timeoutMs`
 * (a cap for a broken test, not a timing assertion).
 */
export async function eventually<T>(
  find: () => T | undefined | null | false,
  what: string,
  timeoutMs = 20_000,
  pollMs = 20,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = find();
    if (found) return found;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, pollMs));
  }
}

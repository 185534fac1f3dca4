// The end of a job must reach the database even when the disk under it is full for a while (SQLITE_FULL) or it is
// briefly locked: the final status is retried until it is stored, so no job is left "running" with its outcome lost.

export const STORE_RETRY_MS = 1_000;
export const STORE_GIVE_UP_MS = 30 * 60_000;

export async function untilStored<T>(
  what: string,
  write: () => Promise<T>,
  retryMs = STORE_RETRY_MS,
  giveUpMs = STORE_GIVE_UP_MS,
): Promise<T> {
  const deadline = Date.now() + giveUpMs;
  let told = false;
  for (;;) {
    try {
      return await write();
    } catch (err) {
      if (Date.now() > deadline) throw err;
      if (!told) {
        // The server log is where an operator looks when the store itself fails.
        console.error(
          `dh-fleet-console: cannot store ${what} yet (${(err as Error).message}); retrying every ${retryMs} ms`,
        );
        told = true;
      }
      await new Promise((r) => setTimeout(r, retryMs));
    }
  }
}

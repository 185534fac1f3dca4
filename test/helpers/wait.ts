/** Polls `probe` until it returns something truthy, or fails naming `what` after `ms`: a condition with a deadline. */
export async function waitFor<T>(
  what: string,
  ms: number,
  probe: () => Promise<T | undefined | null | false | ''>,
  everyMs = 200,
): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await probe();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

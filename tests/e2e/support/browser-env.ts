/**
 * The environment the browsers start with: this process's, with two differences that keep the
 * browsers' clock their own.
 *
 * - `E2E_BROWSER_TZ`, when set, is the browsers' time zone (TZ for their processes); unset, they
 *   run in this process's zone, as a user's browser runs in the machine's.
 * - Debian's faketime (LD_PRELOAD of libfaketime) is not passed on: the browsers keep the real
 *   clock, and Chromium does not even start with the library loaded.
 *
 * Together they let a run prove that no expectation comes from Node's clock: with Node in one zone
 * and a year ahead, and the browsers in a zone a day away, a test that took "today" from Node
 * fails. For example:
 *
 *   E2E_BROWSER_TZ=Etc/GMT+12 TZ=Pacific/Kiritimati faketime '+400 days' npx vitest run --config vitest.e2e.config.ts
 */
export function browserEnv(extra: Record<string, string> = {}): Record<string, string | undefined> {
  const faked = process.env.LD_PRELOAD?.includes('faketime') === true;
  const env: Record<string, string | undefined> = Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !(faked && (name === 'LD_PRELOAD' || name.startsWith('FAKETIME')))),
  );
  if (faked) {
    const others = (process.env.LD_PRELOAD ?? '').split(/[:\s]+/).filter((lib) => lib !== '' && !lib.includes('faketime'));
    if (others.length > 0) env.LD_PRELOAD = others.join(':');
  }
  const zone = process.env.E2E_BROWSER_TZ;
  if (zone) env.TZ = zone;
  return { ...env, ...extra };
}

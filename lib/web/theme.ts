import { cookies } from 'next/headers';
import { THEME_COOKIE, THEMES, type Theme } from './theme-names';

// The viewer's light/dark choice: a preference of this browser (cookie), not of the account. "system" follows the
// operating system (app/dark-theme.css).
export async function themeChoice(): Promise<Theme> {
  const v = (await cookies()).get(THEME_COOKIE)?.value;
  return (THEMES as readonly string[]).includes(v ?? '') ? (v as Theme) : 'system';
}

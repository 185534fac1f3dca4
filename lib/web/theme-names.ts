// The theme names and their cookie, for the server's layout and the browser's switch alike.
export const THEME_COOKIE = 'dhc_theme';
export const THEMES = ['system', 'light', 'dark'] as const;
export type Theme = (typeof THEMES)[number];

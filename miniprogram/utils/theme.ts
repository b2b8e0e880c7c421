/**
 * The theme colours code draws with. Canvas 2d and uCharts take colour strings
 * and cannot read CSS variables, so the values they need are repeated here from the tokens in app.wxss;
 * test/miniprogram/styles.test.ts fails when the two disagree.
 */
export const THEME = {
  /** --td-brand-color */
  brand: '#0052d9',
  /** --td-error-color */
  error: '#d54941',
  /** --td-warning-color */
  warning: '#e37318',
  /** --td-success-color */
  success: '#2ba471',
  /** --wk-text-color */
  text: '#1f1f1f',
  /** --wk-text-color-secondary */
  textSecondary: '#555555',
  /** --wk-text-color-muted */
  textMuted: '#8a8a8a',
  /** --td-bg-color-container (white cards) */
  container: '#ffffff',
} as const;

/** The CSS variable in app.wxss each THEME colour repeats. */
export const THEME_TOKENS: Record<keyof typeof THEME, string> = {
  brand: '--td-brand-color',
  error: '--td-error-color',
  warning: '--td-warning-color',
  success: '--td-success-color',
  text: '--wk-text-color',
  textSecondary: '--wk-text-color-secondary',
  textMuted: '--wk-text-color-muted',
  container: '--td-bg-color-container',
};

/** `hex` (#rrggbb) as an rgba() string with `alpha`, for shades of one theme colour. */
export function withAlpha(hex: string, alpha: number): string {
  const value = Number.parseInt(hex.slice(1), 16);
  return `rgba(${(value >> 16) & 255}, ${(value >> 8) & 255}, ${value & 255}, ${alpha.toFixed(2)})`;
}

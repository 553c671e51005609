/** How close numbers must be to count as equal, and how a form's figures are rounded where it shows them. */

export const EPSILON = 1e-9;

/** Money and totals are shown to two decimals. */
export const AMOUNT_ROUNDING = 0.005 + EPSILON;

/** A declared score may round a formula's value to a whole point. */
export const SCORE_ROUNDING = 0.5 + EPSILON;

/** The budget score is written to one decimal at least (9.8 for 98 %). */
export const BUDGET_SCORE_ROUNDING = 0.05 + EPSILON;

export function round2(value: number): number {
  return Math.round(value * 100 + (value >= 0 ? 1e-7 : -1e-7)) / 100;
}

/**
 * Trust values as people type them and as the trust picture draws them: a whole number from 0 to MAX_TRUST, drawn
 * (ui/network.ts) as an arrow from the trusting DisCO to the trusted one, wider and more opaque as the value grows.
 */

/** The highest trust value (Federation.MAX_TRUST). */
export const MAX_TRUST = 100;

/** A trust value as typed: a whole number from 0 to MAX_TRUST, or undefined. */
export function trustValue(text: string): number | undefined {
  const trimmed = text.trim();
  const value = Number(trimmed);
  return /^\d+$/.test(trimmed) && value <= MAX_TRUST ? value : undefined;
}

/** How heavily a trust value is drawn: its share of MAX_TRUST. */
export const trustWeight = (value: number): number => value / MAX_TRUST;

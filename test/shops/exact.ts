// Exact fractions for the shops' own arithmetic: the generators compute an order the way the
// shop does (WooCommerce's unrounded taxes in "cents", Shopify's tax per tax line) without
// floating point, so a difference the tests find is the step's, never the generator's.

export interface Fraction {
  n: bigint;
  d: bigint;
}

const gcd = (a: bigint, b: bigint): bigint => {
  let [x, y] = [a < 0n ? -a : a, b < 0n ? -b : b];
  while (y !== 0n) [x, y] = [y, x % y];
  return x;
};

export function frac(n: bigint | number, d: bigint | number = 1n): Fraction {
  let [num, den] = [BigInt(n), BigInt(d)];
  if (den < 0n) [num, den] = [-num, -den];
  const g = gcd(num, den) || 1n;
  return { n: num / g, d: den / g };
}

export const add = (...values: Fraction[]): Fraction => values.reduce((a, b) => frac(a.n * b.d + b.n * a.d, a.d * b.d), frac(0));
export const sub = (a: Fraction, b: Fraction): Fraction => frac(a.n * b.d - b.n * a.d, a.d * b.d);
export const mul = (a: Fraction, b: Fraction): Fraction => frac(a.n * b.n, a.d * b.d);
export const div = (a: Fraction, b: Fraction): Fraction => frac(a.n * b.d, a.d * b.n);

/** Rounded to a whole number, halves away from zero (PHP's round(), Shopify's rounding). */
export function roundHalfUp(value: Fraction): bigint {
  const negative = value.n < 0n;
  const magnitude = negative ? -value.n : value.n;
  const quotient = (2n * magnitude + value.d) / (2n * value.d);
  return negative ? -quotient : quotient;
}

/** Rounded to a whole number, halves to the even neighbour (banker's rounding). */
export function roundHalfEven(value: Fraction): bigint {
  const floor = value.n >= 0n ? value.n / value.d : -((-value.n + value.d - 1n) / value.d);
  const remainder = sub(value, frac(floor));
  const twice = remainder.n * 2n;
  if (twice < remainder.d) return floor;
  if (twice > remainder.d) return floor + 1n;
  return floor % 2n === 0n ? floor : floor + 1n;
}

/** A percent rate "8.875" as the fraction 8875/1000 (of a hundred). */
export function percent(text: string): Fraction {
  const [whole = '0', fraction = ''] = text.split('.');
  return frac(BigInt(whole + fraction), 10n ** BigInt(fraction.length));
}

/** Minor units as the shop writes the amount: 1250 with 2 decimals → "12.50"; 1500 with 0 → "1500". */
export function decimalText(minor: bigint | number, decimals: number): string {
  const value = BigInt(minor);
  const negative = value < 0n;
  const digits = (negative ? -value : value).toString().padStart(decimals + 1, '0');
  const text = decimals === 0 ? digits : `${digits.slice(0, -decimals)}.${digits.slice(-decimals)}`;
  return negative ? `-${text}` : text;
}

/** A percent rate as a JSON number would print it: "8.875" → 8.875; a fraction of it ("0.08875") likewise. */
export function rateNumber(percentText: string, asFraction: boolean): number {
  if (!asFraction) return Number(percentText);
  const [whole = '0', fraction = ''] = percentText.split('.');
  const padded = whole.padStart(3, '0');
  return Number(`${padded.slice(0, -2)}.${padded.slice(-2)}${fraction}`);
}

/** Shares `total` across `weights` in proportion, floored, the remainder one unit at a time in order (as the shops allocate discounts). */
export function allocate(total: bigint, weights: readonly bigint[]): bigint[] {
  const sum = weights.reduce((a, b) => a + b, 0n);
  if (sum === 0n) return weights.map(() => 0n);
  const shares = weights.map((w) => (total * w) / sum);
  let left = total - shares.reduce((a, b) => a + b, 0n);
  for (let i = 0; left > 0n; i = (i + 1) % shares.length) {
    if (weights[i]! > 0n && shares[i]! < weights[i]!) {
      shares[i]! += 1n;
      left -= 1n;
    }
  }
  return shares;
}

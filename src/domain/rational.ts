// Exact integer arithmetic for money: products and quotients of minor units by rational
// factors (tax rates, proportions), rounded the way accountants expect. Ordinary numbers
// are used while every intermediate stays within 2^53 (where they are exact); anything
// larger is done in bigint. No floating point result ever reaches an amount.

const MAX_SAFE = Number.MAX_SAFE_INTEGER;

/** round(numerator / denominator), halves away from zero; denominator > 0. */
export function divideRoundHalfAwayFromZero(numerator: bigint, denominator: bigint): bigint {
  const negative = numerator < 0n;
  const magnitude = negative ? -numerator : numerator;
  let quotient = magnitude / denominator;
  if ((magnitude % denominator) * 2n >= denominator) quotient += 1n;
  return negative ? -quotient : quotient;
}

/**
 * round(value × factorNumerator / factorDenominator), halves away from zero, exact.
 * All arguments are safe integers, factorDenominator > 0.
 */
export function multiplyDivideRound(value: number, factorNumerator: number, factorDenominator: number): number {
  const product = value * factorNumerator;
  // A float product within ±2^53 of two integers is the exact product.
  if (Math.abs(product) <= MAX_SAFE) {
    const negative = product < 0;
    const magnitude = negative ? -product : product;
    const remainder = magnitude % factorDenominator;
    let quotient = (magnitude - remainder) / factorDenominator;
    if (remainder * 2 >= factorDenominator) quotient += 1;
    return negative && quotient !== 0 ? -quotient : quotient; // never −0
  }
  return toSafeNumber(divideRoundHalfAwayFromZero(BigInt(value) * BigInt(factorNumerator), BigInt(factorDenominator)));
}

/** A bigint known to fit in a safe integer, as a number; throws RangeError otherwise. */
export function toSafeNumber(value: bigint): number {
  if (value > BigInt(MAX_SAFE) || value < -BigInt(MAX_SAFE)) throw new RangeError(`${value} is beyond the safe integer range`);
  return Number(value);
}

/**
 * Shares `total` (a non-negative integer) across `weights` (non-negative integers, at least
 * one positive) in proportion to them, exactly: each share is floored, then the leftover
 * units go one by one to the largest remainders; equal remainders favour the lower index.
 * The shares always add up to `total`.
 */
export function allocateLargestRemainder(total: number, weights: readonly number[]): number[] {
  let weightSum = 0;
  let maxWeight = 0;
  for (const weight of weights) {
    weightSum += weight;
    if (weight > maxWeight) maxWeight = weight;
  }
  if (weightSum <= 0) throw new RangeError('allocateLargestRemainder needs at least one positive weight');
  if (!Number.isSafeInteger(weightSum)) throw new RangeError('the weights add up beyond the safe integer range');
  return total * maxWeight <= MAX_SAFE ? allocateWithNumbers(total, weights, weightSum) : allocateWithBigints(total, weights, weightSum);
}

function allocateWithNumbers(total: number, weights: readonly number[], weightSum: number): number[] {
  const count = weights.length;
  const shares = new Array<number>(count);
  const remainders = new Float64Array(count);
  let allocated = 0;
  for (let i = 0; i < count; i += 1) {
    const product = total * weights[i]!;
    const remainder = product % weightSum;
    const share = (product - remainder) / weightSum;
    shares[i] = share;
    remainders[i] = remainder;
    allocated += share;
  }
  const leftover = total - allocated;
  if (leftover > 0) distributeLeftoverByThreshold(shares, leftover, remainders);
  return shares;
}

/**
 * distributeLeftover for number remainders without a comparator sort: the leftover-th largest
 * remainder is the threshold; every line above it gets a unit, and lines at it get the rest
 * in index order. Same result, a native numeric sort instead of n log n callbacks.
 */
function distributeLeftoverByThreshold(shares: number[], leftover: number, remainders: Float64Array): void {
  const sorted = Float64Array.from(remainders).sort();
  const threshold = sorted[sorted.length - leftover]!;
  let left = leftover;
  for (let i = 0; i < shares.length; i += 1) {
    if (remainders[i]! > threshold) {
      shares[i]! += 1;
      left -= 1;
    }
  }
  for (let i = 0; i < shares.length && left > 0; i += 1) {
    if (remainders[i] === threshold) {
      shares[i]! += 1;
      left -= 1;
    }
  }
}

function allocateWithBigints(total: number, weights: readonly number[], weightSum: number): number[] {
  const count = weights.length;
  const shares = new Array<number>(count);
  const remainders = new Array<bigint>(count);
  const bigTotal = BigInt(total);
  const bigSum = BigInt(weightSum);
  let allocated = 0;
  for (let i = 0; i < count; i += 1) {
    const product = bigTotal * BigInt(weights[i]!);
    const remainder = product % bigSum;
    const share = Number((product - remainder) / bigSum);
    shares[i] = share;
    remainders[i] = remainder;
    allocated += share;
  }
  distributeLeftover(shares, total - allocated, (a, b) => {
    const difference = remainders[a]! - remainders[b]!;
    return difference > 0n ? 1 : difference < 0n ? -1 : 0;
  });
  return shares;
}

/** Gives `leftover` units (fewer than shares.length) to the largest remainders, lower index first on ties. */
function distributeLeftover(shares: number[], leftover: number, compareRemainders: (a: number, b: number) => number): void {
  if (leftover <= 0) return;
  const order = Array.from(shares.keys()).sort((a, b) => compareRemainders(b, a) || a - b);
  for (let k = 0; k < leftover; k += 1) shares[order[k]!]! += 1;
}

/**
 * allocateLargestRemainder for weights that are exact bigints (such as tax amounts scaled to a
 * common denominator, which can pass 2^53): the same rule, floors then largest remainders, equal
 * remainders to the lower index. Weights are non-negative, at least one positive.
 */
export function allocateLargestRemainderExact(total: number, weights: readonly bigint[]): number[] {
  let weightSum = 0n;
  for (const weight of weights) {
    if (weight < 0n) throw new RangeError('allocateLargestRemainderExact needs non-negative weights');
    weightSum += weight;
  }
  if (weightSum <= 0n) throw new RangeError('allocateLargestRemainderExact needs at least one positive weight');
  const bigTotal = BigInt(total);
  const shares = new Array<number>(weights.length);
  const remainders = new Array<bigint>(weights.length);
  let allocated = 0;
  weights.forEach((weight, i) => {
    const product = bigTotal * weight;
    remainders[i] = product % weightSum;
    shares[i] = Number(product / weightSum);
    allocated += shares[i]!;
  });
  distributeLeftover(shares, total - allocated, (a, b) => {
    const difference = remainders[a]! - remainders[b]!;
    return difference > 0n ? 1 : difference < 0n ? -1 : 0;
  });
  return shares;
}

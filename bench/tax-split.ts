// Benchmark of the money split: a 10,000-line order (five rates, a discount, shipping that
// follows the goods, a stated tax total), timed against the cheapest thing any split must do,
// summing the lines' quantity × unit price once. Prints the ratio (machine-independent) and,
// as a sanity line, the absolute median (target ≤ 5 ms).
// Run: npx tsx bench/tax-split.ts  (npm run bench runs it too)
import { performance } from 'node:perf_hooks';
import { splitOrder, type PricedSplitInput } from '../src/domain/tax-split.js';
import { isMain, median, printResult, type BenchResult } from './support.js';

const LINES = 10_000;
const RUNS = 101;
const WARMUP = 30;
const TARGET_MS = 5;

/** A deterministic pseudo-random order, so every run measures the same work. */
function benchOrder(): PricedSplitInput {
  let seed = 0x2545f491;
  const next = (max: number) => {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    return seed % max;
  };
  const rates = ['0', '5', '7.25', '10', '20'];
  const lines = Array.from({ length: LINES }, (_, i) => ({
    description: `Print ${i + 1}`,
    quantity: 1 + next(5),
    unit_price: 100 + next(50_000),
    tax_rate: rates[next(rates.length)]!,
    tax: i % 10 === 0 ? next(500) : null, // one line in ten states the tax the gallery charged
  }));
  const goods = lines.reduce((sum, line) => sum + line.quantity * line.unit_price, 0);
  const order: PricedSplitInput = {
    currency: 'GBP',
    prices_include_tax: false,
    payment_status: 'paid',
    discount: Math.floor(goods / 20),
    shipping: { amount: 1995, tax_rate: null, tax: null },
    tax_total: null,
    lines,
  };
  const computedTax = splitOrder(order).reduce((sum, draft) => sum + draft.tax, 0);
  return { ...order, tax_total: computedTax + 3 }; // a gallery that rounded once on the total
}

/** Median milliseconds per call of `work`, each sample averaging `batch` calls. */
function measure(work: () => number, batch: number): number {
  let sink = 0;
  for (let i = 0; i < WARMUP; i += 1) sink += work();
  const samples: number[] = [];
  for (let run = 0; run < RUNS; run += 1) {
    const start = performance.now();
    for (let i = 0; i < batch; i += 1) sink += work();
    samples.push((performance.now() - start) / batch);
  }
  if (sink === -1) console.log(sink); // keeps the work observable
  return median(samples);
}

export function measureTaxSplit(): BenchResult {
  const order = benchOrder();
  const baselineMs = measure(() => {
    let goods = 0;
    for (const line of order.lines) goods += line.quantity * line.unit_price;
    return goods;
  }, 100);
  const splitMs = measure(() => splitOrder(order).length, 1);
  const invoices = splitOrder(order).length;
  return {
    name: `tax split of a ${LINES.toLocaleString('en-GB')}-line order into ${invoices} invoices (median of ${RUNS} runs)`,
    value: splitMs,
    unit: 'ms',
    baselineName: 'summing the lines’ quantity × unit price once',
    baseline: baselineMs,
    ratio: splitMs / baselineMs,
    target: `≤ ${TARGET_MS} ms`,
    met: splitMs <= TARGET_MS,
  };
}

if (isMain(import.meta.url)) printResult(measureTaxSplit());

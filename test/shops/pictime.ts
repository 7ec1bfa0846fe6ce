// Pic-Time orders as Pic-Time's own Zapier app hands them over (New Order Placed): an order id,
// a Microsoft JSON date ("/Date(ms)/"), the buyer, the currency and the total the client paid
// as a JSON number, tax included, and the payment status ("approved", "pending approval",
// "unpaid"). It gives no lines and no tax: the studio charges its own rate, inside the total.
import fc from 'fast-check';
import { decimalText, div, frac, mul, percent, roundHalfUp, add } from './exact.js';
import type { Charged } from './charged.js';

export interface PicTimeOrder {
  orderId: string;
  orderDate: string;
  total: number;
  currency: string;
  buyerEmail: string;
  buyerFirstName: string;
  buyerLastName: string;
  buyerPhone: string;
  paymentMethod: string;
  paymentStatus: string;
}

/** Each currency's decimals and the rates studios there charge (percent). */
const STUDIOS: Record<string, { decimals: number; rates: string[] }> = {
  GBP: { decimals: 2, rates: ['20', '0'] },
  EUR: { decimals: 2, rates: ['19', '21', '7'] },
  USD: { decimals: 2, rates: ['0', '8.875', '7.25'] },
  JPY: { decimals: 0, rates: ['10'] },
  KWD: { decimals: 3, rates: ['0', '5'] },
};

export const PICTIME_CURRENCIES = Object.keys(STUDIOS);

export const picTimeOrderArb = (currency: string) =>
  fc
    .record({
      id: fc.integer({ min: 10_000, max: 999_999 }),
      total: fc.oneof(fc.integer({ min: 1, max: 500_000 }), fc.integer({ min: 1, max: 999 })),
      rate: fc.constantFrom(...STUDIOS[currency]!.rates),
      ms: fc.integer({ min: 1_700_000_000_000, max: 1_800_000_000_000 }),
      status: fc.constantFrom('approved', 'pending approval', 'unpaid'),
      method: fc.constantFrom('photographer', 'online'),
    })
    .map(({ id, total, rate, ms, status, method }) => {
      const { decimals } = STUDIOS[currency]!;
      const order: PicTimeOrder = {
        orderId: `PT-${id}`,
        orderDate: `/Date(${ms})/`,
        total: Number(decimalText(total, decimals)),
        currency,
        buyerEmail: `buyer${id}@example.com`,
        buyerFirstName: 'Emma',
        buyerLastName: `Harper ${id}`,
        buyerPhone: '07700 900123',
        paymentMethod: method,
        paymentStatus: status,
      };
      // The tax inside the total at the studio's rate, rounded once.
      const r = percent(rate);
      const tax = roundHalfUp(div(mul(frac(total), r), add(frac(100), r)));
      const charged: Charged = { currency, total: BigInt(total), tax, byRate: new Map([[rate, { net: BigInt(total) - tax, tax }]]) };
      return { order, charged, studioRate: rate };
    });

// docs/COST.md is generated: it must be what the model makes from the dated prices.
import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { MSP_500, monthlyCost, render, type Prices } from '../../scripts/cost/model.js';

const prices = JSON.parse(readFileSync('scripts/cost/prices.json', 'utf8')) as Prices;

it('docs/COST.md holds the figures scripts/cost/model.ts makes (regenerate it after a change)', () => {
  const dollars = (text: string) => text.match(/\$\d+\.\d\d/g) ?? [];
  const doc = readFileSync('docs/COST.md', 'utf8');
  expect(dollars(doc)).toEqual(dollars(render(prices)));
  expect(doc).toContain(prices.asOf);
});

it('captures storage dominates and Standard-IA lowers it', () => {
  const lines = monthlyCost(MSP_500, prices);
  const storage = lines.filter((l) => l.item.startsWith('S3 storage')).reduce((s, l) => s + l.usd, 0);
  const total = lines.reduce((s, l) => s + l.usd, 0);
  expect(storage / total).toBeGreaterThan(0.5);
  const flat = monthlyCost({ ...MSP_500, iaAfterDays: undefined }, prices).reduce((s, l) => s + l.usd, 0);
  expect(flat).toBeGreaterThan(total);
});

// What claim kinds, tracked-claim statuses and metrics are called wherever Backstory shows them
// (card, popup, manager): one table each, so the card and the popup never disagree.
import type { ClaimKind, ClaimStatus } from '../kb/schema';

export const KIND_LABELS: Record<ClaimKind, string> = {
  quote: 'Quote',
  quantity: 'Number',
  comparison: 'Comparison',
  prediction: 'Prediction',
  other: 'Claim',
};

export const STATUS_LABELS: Record<ClaimStatus, string> = {
  supported: 'Supported',
  disputed: 'Disputed',
  refuted: 'Refuted',
  pending: 'Open',
  'came-true': 'Came true',
  'did-not-come-true': 'Did not come true',
  partly: 'Partly true',
};

const METRIC_LABELS: Record<string, string> = {
  'training-cost': 'training cost',
  'hardware-spend': 'hardware spend',
  capex: 'capex',
  gpus: 'GPUs',
  'compute-gw': 'compute',
  'data-center-gw': 'data centre',
  'compute-hours': 'compute time',
  users: 'users',
  'monthly-users': 'monthly users',
  'weekly-users': 'weekly users',
  'daily-users': 'daily users',
  valuation: 'valuation',
  funding: 'funding',
  revenue: 'revenue',
  parameters: 'parameters',
  'benchmark-parity': 'benchmarks',
  'benchmark-score': 'benchmark score',
  price: 'price',
  'market-value-change': 'market value',
  'share-price-change': 'share price',
  'context-window': 'context window',
  'ai-written-code': 'AI-written code',
  charge: 'charge',
  acquisition: 'acquisition',
  stake: 'stake',
  headcount: 'staff',
};

export function metricLabel(metric: string | undefined): string | undefined {
  return metric ? (METRIC_LABELS[metric] ?? metric.replace(/-/g, ' ')) : undefined;
}

/** Long sentences are cut at a word boundary; the full text is on the page. */
export function clipText(text: string, max = 240): string {
  const t = text.replace(/\s+/g, ' ').trim();
  if (t.length <= max) return t;
  const cut = t.slice(0, max);
  const space = cut.lastIndexOf(' ');
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).replace(/[,;:]$/, '')}…`;
}

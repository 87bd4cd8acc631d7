// Page-level AI relevance: is this page about AI at all? Pages that are not stay quiet by default.
// Evidence is AI vocabulary plus unambiguous mentions; models weigh more than companies and people
// (a page about Google's earnings names Google; only an AI page names Gemini 2.5 Pro).

export interface AiTerm {
  text: string;
  /** Short upper-case terms ("AI", "LLM") only count in that case: "ai" and "Ai" are other words. */
  caseSensitive: boolean;
}

const SENSITIVE = [
  'AI',
  'A.I.',
  'AGI',
  'ASI',
  'GenAI',
  'LLM',
  'LLMs',
  'GPU',
  'GPUs',
  'TPU',
  'TPUs',
  'NLP',
  'H100',
  'H100s',
  'H800',
  'H800s',
  'H20',
  'A100',
  'A100s',
  'B200',
  'RLHF',
];
const INSENSITIVE = [
  'artificial intelligence',
  'machine learning',
  'deep learning',
  'reinforcement learning',
  'neural network',
  'neural networks',
  'neural net',
  'neural nets',
  'language model',
  'language models',
  'large language model',
  'large language models',
  'foundation model',
  'foundation models',
  'frontier model',
  'frontier models',
  'frontier lab',
  'frontier labs',
  'reasoning model',
  'reasoning models',
  'open-weight',
  'open-weights',
  'open weights',
  'chatbot',
  'chatbots',
  'chat bot',
  'chat bots',
  'generative',
  'superintelligence',
  'superintelligent',
  'fine-tuning',
  'fine-tuned',
  'pretraining',
  'pre-training',
  'pretrained',
  'pre-trained',
  'training run',
  'training runs',
  'training data',
  'training compute',
  'inference',
  'distillation',
  'transformer model',
  'transformer models',
  'diffusion model',
  'diffusion models',
  'text-to-image',
  'text-to-video',
  'multimodal',
  'deepfake',
  'deepfakes',
  'hallucination',
  'hallucinations',
  'hallucinate',
  'hallucinates',
  'prompt engineering',
  'context window',
  'agentic',
  'alignment research',
  'model weights',
  'data centre',
  'data centres',
  'data center',
  'data centers',
  'computer vision',
  'speech recognition',
  'tokens per second',
  'parameter model',
  'billion parameters',
  'trillion parameters',
  // Chinese and Japanese news: artificial intelligence, large model, machine learning, deep learning
  '人工智能',
  '人工智慧',
  '大模型',
  '机器学习',
  '深度学习',
  '人工知能',
  '生成AI',
  '機械学習',
];

export const AI_TERMS: AiTerm[] = [
  ...SENSITIVE.map((text) => ({ text, caseSensitive: true })),
  ...INSENSITIVE.map((text) => ({ text, caseSensitive: false })),
];

export interface Evidence {
  /** scanned characters */
  chars: number;
  /** AI vocabulary hits */
  terms: number;
  /** unambiguous mentions of models */
  models: number;
  /** unambiguous mentions of companies and people */
  others: number;
}

export function emptyEvidence(): Evidence {
  return { chars: 0, terms: 0, models: 0, others: 0 };
}

export function addEvidence(a: Evidence, b: Evidence): Evidence {
  return { chars: a.chars + b.chars, terms: a.terms + b.terms, models: a.models + b.models, others: a.others + b.others };
}

/** Below this relevance a page is gated (no highlights unless the reader asks). */
export const GATE_THRESHOLD = 0.5;

// ~6 characters per English word; density is per 1,000 words and short texts count as 150 words.
const CHARS_PER_WORD = 6;
const MIN_WORDS = 150;
// Evidence points per 1,000 words at which relevance reaches 1 - 1/e.
const DENSITY_SCALE = 12;
// A page needs some evidence in absolute terms too (one passing name is not a topic): 3 points,
// eased to 1.5 for a paragraph-sized text.
const MIN_POINTS = 3;
const MIN_POINTS_SHORT = 1.5;

export function evidencePoints(e: Evidence): number {
  return e.terms + 1.5 * e.models + 0.5 * e.others;
}

/** 0..1: how much the text is about AI. */
export function relevanceOf(e: Evidence): number {
  const points = evidencePoints(e);
  const realWords = e.chars / CHARS_PER_WORD;
  const words = Math.max(MIN_WORDS, realWords);
  const minPoints = Math.min(MIN_POINTS, Math.max(MIN_POINTS_SHORT, realWords / 100));
  const density = (points * 1000) / words;
  let r = 1 - Math.exp(-density / DENSITY_SCALE);
  // Too little evidence overall caps relevance under the gate, scaled by how close it came.
  if (points < minPoints) r = Math.min(r, GATE_THRESHOLD * (points / minPoints) * 0.99);
  return Math.round(r * 1000) / 1000;
}

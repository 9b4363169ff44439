import type { Mistake } from '../../../grader/core/mistakes.ts';
import { matmul, matrix, shapeOf, type Matrix } from '../../lib/matrix.ts';
import type { AttentionForwardResult, AttentionOptions } from '../attention.ts';
export { attentionBackward } from '../attention.ts';

export const mistake: Mistake = {
  title: {
    en: 'the causal mask aligned bottom-right (j > i + S − T) instead of top-left',
    'zh-CN': '因果掩码按右下角对齐（j > i + S − T），而不是左上角',
  },
  explanation: {
    en:
      'When T ≠ S, the causal mask can be aligned two ways. PyTorch’s is_causal (and this kata) is top-left: ' +
      'query i sees keys 0 … i, whatever S is. Bottom-right alignment (j > i + S − T, the KV-cache convention ' +
      'of torch’s causal_lower_right) shifts the diagonal by S − T; both agree only when T = S.',
    'zh-CN':
      'T ≠ S 时，因果掩码有两种对齐方式。PyTorch 的 is_causal（也就是本题）是左上角对齐：不管 S 是多少，查询 i 都只看到键 0 … i。右下角对齐（j > i + S − T，即 ' +
      'torch 的 causal_lower_right、KV 缓存的约定）把对角线平移了 S − T；两者只在 T = S 时一致。',
  },
};

export function attentionForward(q: Matrix, k: Matrix, v: Matrix, options: AttentionOptions = {}): AttentionForwardResult {
  const causal = options.causal ?? false;
  if (q.cols !== k.cols) throw new Error(`attentionForward: q is ${shapeOf(q)} but k is ${shapeOf(k)} (q and k need the same d columns)`);
  if (k.rows !== v.rows) throw new Error(`attentionForward: k is ${shapeOf(k)} but v is ${shapeOf(v)} (one value row per key: the same S rows)`);
  const T = q.rows;
  const S = k.rows;
  const d = q.cols;
  const scale = 1 / Math.sqrt(d);
  const p = matrix(T, S);
  for (let i = 0; i < T; i++) {
    const r = i * S;
    // Query i sees keys 0 … last (all of them without the mask).
    // 查询 i 能看到键 0 … last（不加掩码时是全部键）。
    const last = causal ? Math.min(i + S - T, S - 1) : S - 1;
    let max = -Infinity;
    for (let j = 0; j <= last; j++) {
      let s = 0;
      for (let c = 0; c < d; c++) s += q.data[i * d + c] * k.data[j * d + c];
      p.data[r + j] = s * scale;
      max = Math.max(max, p.data[r + j]);
    }
    // Subtracting the row's maximum keeps every exponent ≤ 0: no overflow for large scores.
    // 减去该行的最大值，每个指数都 ≤ 0：分数很大时也不会上溢。
    let sum = 0;
    for (let j = 0; j <= last; j++) {
      p.data[r + j] = Math.exp(p.data[r + j] - max);
      sum += p.data[r + j];
    }
    for (let j = 0; j <= last; j++) p.data[r + j] /= sum;
    for (let j = last + 1; j < S; j++) p.data[r + j] = 0; // masked: probability 0
                                                          // 被屏蔽：概率为 0
  }
  const out = matmul(p, v);
  return { out, cache: { q, k, v, causal, scale, p } };
}
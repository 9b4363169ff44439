import type { Mistake } from '../../../grader/core/mistakes.ts';
import { matmulTransA, matmulTransB, matmul, matrix, shapeOf, type Matrix } from '../../lib/matrix.ts';
import type { AttentionCache, AttentionGradients } from '../attention.ts';
export { attentionForward } from '../attention.ts';

export const mistake: Mistake = {
  title: {
    en: 'masked entries leak gradient: the backward pass recomputes the weights without the causal mask',
    'zh-CN': '被屏蔽的元素泄漏了梯度：反向传播重新计算权重时没有加因果掩码',
  },
  explanation: {
    en:
      'A masked key gets probability 0 in the forward pass, so it has no effect on out and must get no ' +
      'gradient. Recomputing the weights in the backward pass (as FlashAttention does) is fine, but only with ' +
      'the same mask: without it, query i sends gradient to keys j > i through weights that were 0, and dq, dk ' +
      'and dv are all wrong.',
    'zh-CN':
      '被屏蔽的键在前向传播中概率为 0，对 out 没有任何影响，所以也不能得到梯度。在反向传播中重新计算权重（FlashAttention 就是这样做的）没有问题，但必须用同一个掩码：不加掩码，查询 i ' +
      '就会经本来为 0 的权重把梯度传给 j > i 的键，dq、dk 和 dv 都会出错。',
  },
};

export function attentionBackward(dout: Matrix, cache: AttentionCache): AttentionGradients {
  const { q, k, v, scale } = cache;
  const T = q.rows;
  const S = k.rows;
  const d = q.cols;
  // The weights are recomputed from q and k rather than read from the cache (as FlashAttention does).
  // 权重由 q 和 k 重新计算，而不是从缓存读取（FlashAttention 就是这样做的）。
  const p = matrix(T, S);
  for (let i = 0; i < T; i++) {
    let max = -Infinity;
    for (let j = 0; j < S; j++) {
      let s = 0;
      for (let c = 0; c < d; c++) s += q.data[i * d + c] * k.data[j * d + c];
      p.data[i * S + j] = s * scale;
      max = Math.max(max, p.data[i * S + j]);
    }
    let sum = 0;
    for (let j = 0; j < S; j++) {
      p.data[i * S + j] = Math.exp(p.data[i * S + j] - max);
      sum += p.data[i * S + j];
    }
    for (let j = 0; j < S; j++) p.data[i * S + j] /= sum;
  }
  if (dout.rows !== T || dout.cols !== v.cols) {
    throw new Error(`attentionBackward: dout is ${shapeOf(dout)} but out is ${T}×${v.cols} (dout must have the shape of out)`);
  }
  const dv = matmulTransA(p, dout); // S×dv: value j collects Σᵢ p[i][j]·dout[i]
                                    // S×dv：值 j 收集 Σᵢ p[i][j]·dout[i]
  const dp = matmulTransB(dout, v); // T×S: ∂L/∂p
  const ds = matrix(T, S); // ∂L/∂(scaled scores), row by row through the softmax
                           // ∂L/∂（缩放后的分数），逐行经过 softmax
  for (let i = 0; i < T; i++) {
    const r = i * S;
    let dot = 0;
    for (let j = 0; j < S; j++) dot += p.data[r + j] * dp.data[r + j];
    for (let j = 0; j < S; j++) ds.data[r + j] = p.data[r + j] * (dp.data[r + j] - dot) * scale;
  }
  const dq = matmul(ds, k); // T×d
  const dk = matmulTransA(ds, q); // S×d
  return { dq, dk, dv };
}
/**
 * Seeded random numbers: the same seed gives the same run, everywhere.
 *
 * A generator is a plain function `() => number` returning values in [0, 1), like
 * `Math.random` but reproducible. Everything in this repository that needs randomness
 * (weight initialisation, shuffling, test inputs) takes one as an argument.
 */
import { matrix, type Matrix } from './matrix.ts';

export type Rng = () => number;

/**
 * A seeded generator (sfc32, seeded through splitmix32). Each call returns a float64 in
 * [0, 1) built from 53 random bits, so values are as fine-grained as `Math.random`'s.
 *
 * 中文：一个带种子的生成器（sfc32，经 splitmix32 播种）。每次调用返回一个 [0, 1) 内的 float64，由 53 个随机位构成，所以取值与 `Math.random` 一样精细。
 */
export function createRng(seed: number): Rng {
  // splitmix32 turns one integer seed into four well-mixed 32-bit state words.
  let s = seed >>> 0;
  const splitmix = (): number => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
  let a = splitmix();
  let b = splitmix();
  let c = splitmix();
  let d = splitmix();
  const next32 = (): number => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return t >>> 0;
  };
  for (let i = 0; i < 12; i++) next32(); // warm up, as sfc32's authors recommend
  return () => {
    const high = next32() >>> 5; // 27 bits
    const low = next32() >>> 6; // 26 bits
    return (high * 67108864 + low) / 9007199254740992; // (high·2²⁶ + low) / 2⁵³
  };
}

/**
 * A uniform number in [low, high).
 *
 * 中文：[low, high) 内均匀分布的一个数。
 */
export function uniform(rng: Rng, low = 0, high = 1): number {
  return low + (high - low) * rng();
}

/**
 * A standard normal number (mean 0, standard deviation 1), by the Box–Muller transform.
 *
 * 中文：一个标准正态分布的数（均值 0，标准差 1），用 Box–Muller 变换生成。
 */
export function normal(rng: Rng, mean = 0, std = 1): number {
  // 1 − u is in (0, 1], so the logarithm is finite.
  const u = 1 - rng();
  const v = rng();
  return mean + std * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

/**
 * An integer in [0, n).
 *
 * 中文：[0, n) 内的一个整数。
 */
export function randomInt(rng: Rng, n: number): number {
  return Math.floor(rng() * n);
}

/**
 * A rows×cols matrix of uniform numbers in [low, high).
 *
 * 中文：一个 rows×cols 矩阵，元素在 [low, high) 内均匀分布。
 */
export function uniformMatrix(rows: number, cols: number, rng: Rng, low = 0, high = 1): Matrix {
  const m = matrix(rows, cols);
  for (let i = 0; i < m.data.length; i++) m.data[i] = uniform(rng, low, high);
  return m;
}

/**
 * A rows×cols matrix of normal numbers with the given mean and standard deviation.
 *
 * 中文：一个 rows×cols 矩阵，元素服从给定均值和标准差的正态分布。
 */
export function normalMatrix(rows: number, cols: number, rng: Rng, mean = 0, std = 1): Matrix {
  const m = matrix(rows, cols);
  for (let i = 0; i < m.data.length; i++) m.data[i] = normal(rng, mean, std);
  return m;
}

/**
 * A vector of n normal numbers.
 *
 * 中文：由 n 个正态分布的数组成的向量。
 */
export function normalVector(n: number, rng: Rng, mean = 0, std = 1): Float64Array {
  const v = new Float64Array(n);
  for (let i = 0; i < n; i++) v[i] = normal(rng, mean, std);
  return v;
}

/**
 * Shuffle `items` in place (Fisher–Yates) and return it.
 *
 * 中文：原地打乱 `items`（Fisher–Yates 洗牌）并返回它。
 */
export function shuffle<T extends { length: number; [index: number]: unknown }>(items: T, rng: Rng): T {
  for (let i = items.length - 1; i > 0; i--) {
    const j = randomInt(rng, i + 1);
    const tmp = items[i];
    items[i] = items[j];
    items[j] = tmp;
  }
  return items;
}

/**
 * The numbers 0..n−1 in a random order: the order of examples for one epoch.
 *
 * 中文：随机顺序的 0..n−1：一轮中样本的顺序。
 */
export function permutation(n: number, rng: Rng): Uint32Array {
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  return shuffle(order, rng);
}

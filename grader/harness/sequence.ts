/**
 * Checks for the sequence katas (rnn-backward, lstm-backward): a forward pass returns its states
 * h₁ … h_T (and c₁ … c_T) as an array of T matrices, without the initial state. Returning T + 1
 * entries (h0 included) is the classic off-by-one, so it gets its own message.
 */
import { isMatrix, shapeOf, type Matrix } from '../../katas/lib/matrix.ts';
import { say } from '../i18n/language.ts';
import { check, fail } from './failure.ts';
import { describeValue } from './format.ts';

export interface StateSequenceOptions {
  /** T, the number of steps. */
  steps: number;
  /** The initial state (N×H): every state has its shape. */
  initial: Matrix;
  /** Its name in the statement, 'h0' or 'c0'. */
  initialName: string;
  /** What the array holds, as the statement writes it: 'h₁ … h_T'. */
  items: string;
}

/** `states` (named `name`: 'hs', 'cs') is an array of T matrices of the initial state's shape. */
export function expectStateSequence(name: string, states: unknown, { steps: T, initial, initialName: first, items }: StateSequenceOptions): asserts states is Matrix[] {
  const shape = shapeOf(initial);
  if (!Array.isArray(states)) {
    fail(say(`${name} should be an array of ${T} matrices ${shape}, but it is ${describeValue(states)}.`, `${name} 应当是由 ${T} 个 ${shape} 矩阵组成的数组，但它是 ${describeValue(states)}。`));
  }
  if (states.length === T + 1) {
    fail(say(
      `${name} has ${states.length} entries for ${T} steps: it must hold ${items} only, without ${first}.`,
      `对 ${T} 个时间步，${name} 有 ${states.length} 项：它只应包含 ${items}，不包含 ${first}。`,
    ));
  }
  check(states.length === T, () => say(`${name} has ${states.length} entries, but it must have ${T}, one per step.`, `${name} 有 ${states.length} 项，但必须有 ${T} 项，每个时间步一项。`));
  states.forEach((s: unknown, t) => {
    check(isMatrix(s) && s.rows === initial.rows && s.cols === initial.cols, () =>
      say(
        `${name}[${t}] should be a ${shape} Matrix (N×H, like ${first}), but it is ${isMatrix(s) ? shapeOf(s) : describeValue(s)}.`,
        `${name}[${t}] 应当是 ${shape} 的 Matrix（N×H，与 ${first} 相同），但它是 ${isMatrix(s) ? shapeOf(s) : describeValue(s)}。`,
      ),
    );
  });
}

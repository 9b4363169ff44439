import type { Mistake } from '../../../grader/core/mistakes.ts';
import { forwardWith } from './_conventions.ts';
export { batchnormBackward } from '../batchnorm.ts';

export const mistake: Mistake = {
  title: 'eval mode normalises with the batch statistics',
  explanation:
    "In eval mode the layer must not depend on the other examples in the batch: it normalises with state.runningMean " +
    'and state.runningVar, the averages collected during training, and they are constants for the backward pass. ' +
    'Only train mode computes μ and σ² from the batch.',
};

export const batchnormForward = forwardWith({ evalUsesBatchStatistics: true });

// The bug hunt's drill (npm run hunt): the reference with this mistake planted, see grader/core/hunt.ts.
export const drill = {
  replace: [
    [`  } else {
    mean = state.runningMean;
    variance = state.runningVar;
  }
`, `  } else {
    mean = columnMeans(x);
    variance = columnVariances(x, mean);
  }
`],
  ],
};

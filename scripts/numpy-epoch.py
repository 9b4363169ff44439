"""One epoch of the default recipe in NumPy float64: the optional side-by-side of `npm run bench`.

784-128-128-10, ReLU, softmax cross-entropy, Adam (PyTorch's update, lr 1e-3), batch 32, He
initialisation, all 60,000 training images in a shuffled order, then the 10,000 test images.
Written as a NumPy user would write it (matrix products through BLAS, no dx for the images).

Usage: python3 scripts/numpy-epoch.py <folder with the four MNIST IDX files>
Prints one JSON line: {"epochSeconds", "testAccuracy", "numpy", "threads"} (threads: what
OPENBLAS_NUM_THREADS says; `npm run bench` sets it to 1, as many threads as the trainer has).
Exits with status 3 and a line on stderr when numpy is not installed (the bench says so).
"""
import json
import os
import sys
import time

try:
    import numpy as np
except ImportError:
    print("numpy is not installed for this python3", file=sys.stderr)
    sys.exit(3)


def read_idx(path, header):
    with open(path, "rb") as f:
        return np.frombuffer(f.read(), dtype=np.uint8, offset=header)


def load(folder, images, labels):
    x = read_idx(os.path.join(folder, images), 16).reshape(-1, 784)
    y = read_idx(os.path.join(folder, labels), 8)
    return x, y


def main():
    folder = sys.argv[1]
    train_x, train_y = load(folder, "train-images-idx3-ubyte", "train-labels-idx1-ubyte")
    test_x, test_y = load(folder, "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte")
    train_x = train_x.astype(np.float64) / 255.0
    test_x = test_x.astype(np.float64) / 255.0

    rng = np.random.default_rng(1)
    sizes = [784, 128, 128, 10]
    params = []
    for fan_in, fan_out in zip(sizes[:-1], sizes[1:]):
        params.append(rng.normal(0.0, np.sqrt(2.0 / fan_in), (fan_in, fan_out)))
        params.append(np.zeros(fan_out))
    m = [np.zeros_like(p) for p in params]
    v = [np.zeros_like(p) for p in params]
    lr, beta1, beta2, eps = 1e-3, 0.9, 0.999, 1e-8

    started = time.perf_counter()
    order = rng.permutation(len(train_x))
    t = 0
    for start in range(0, len(order), 32):
        idx = order[start:start + 32]
        x, y = train_x[idx], train_y[idx]
        n = len(idx)
        w1, b1, w2, b2, w3, b3 = params
        z1 = x @ w1 + b1
        a1 = np.maximum(z1, 0)
        z2 = a1 @ w2 + b2
        a2 = np.maximum(z2, 0)
        z3 = a2 @ w3 + b3
        z3 = z3 - z3.max(axis=1, keepdims=True)
        p = np.exp(z3)
        p /= p.sum(axis=1, keepdims=True)
        p[np.arange(n), y] -= 1
        d3 = p / n
        d2 = (d3 @ w3.T) * (z2 > 0)
        d1 = (d2 @ w2.T) * (z1 > 0)
        grads = [x.T @ d1, d1.sum(0), a1.T @ d2, d2.sum(0), a2.T @ d3, d3.sum(0)]
        t += 1
        step = lr / (1 - beta1 ** t)
        vscale = 1 / np.sqrt(1 - beta2 ** t)
        for i, g in enumerate(grads):
            m[i] *= beta1
            m[i] += (1 - beta1) * g
            v[i] *= beta2
            v[i] += (1 - beta2) * g * g
            params[i] -= step * m[i] / (np.sqrt(v[i]) * vscale + eps)
    seconds = time.perf_counter() - started

    w1, b1, w2, b2, w3, b3 = params
    scores = np.maximum(np.maximum(test_x @ w1 + b1, 0) @ w2 + b2, 0) @ w3 + b3
    accuracy = float((scores.argmax(axis=1) == test_y).mean())
    threads = os.environ.get("OPENBLAS_NUM_THREADS", "default")
    print(json.dumps({"epochSeconds": seconds, "testAccuracy": accuracy, "numpy": np.__version__, "threads": threads}))


if __name__ == "__main__":
    main()

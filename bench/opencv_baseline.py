# OpenCV filter2D as the external baseline: single-channel float32 'valid' cross-correlation, one thread, result in a
# new array. filter2D computes the 'same' output (it is a cross-correlation, no kernel flip); the valid part is the
# interior slice. Input: a JSON list of [n, k] cases on argv[1]; output: one JSON object {"n", "k", "median", "runs"}
# per line, in milliseconds.
import json
import sys
import time

import cv2
import numpy as np

cv2.setNumThreads(1)
rng = np.random.default_rng(0)
budget = float(sys.argv[2]) if len(sys.argv) > 2 else 1.5

for n, k in json.loads(sys.argv[1]):
    x = rng.uniform(-1, 1, (n, n)).astype(np.float32)
    kern = rng.uniform(-1, 1, (k, k)).astype(np.float32)
    a = k // 2

    def run():
        y = cv2.filter2D(x, -1, kern, anchor=(a, a), borderType=cv2.BORDER_CONSTANT)
        return np.ascontiguousarray(y[a:n - (k - 1 - a), a:n - (k - 1 - a)])

    run()
    times = []
    start = time.perf_counter()
    while len(times) < 5 or (time.perf_counter() - start < budget and len(times) < 200):
        t0 = time.perf_counter()
        run()
        times.append((time.perf_counter() - t0) * 1000)
    times.sort()
    print(json.dumps({"n": n, "k": k, "median": times[len(times) // 2], "runs": len(times)}), flush=True)

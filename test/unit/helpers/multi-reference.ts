// A float64 multi-channel cross-correlation written straight from the definition, for the fast path's tests (PyTorch
// Conv2d semantics without the batch: X [c_in, h, w], K [c_out, c_in/groups, kh, kw], bias [c_out]; padding, stride,
// dilation from convGeometry).
import { convGeometry } from '../../../src/core/geometry';
import type { MultiOptions, Planes, Weights } from '../../../src/core/fast';

/** Y[o][i][j] = b[o] + Σ_{c in o's group} Σₐ Σ_b X[c][i·sH − pT + a·dH][j·sW − pL + b·dW]·K[o][c − g·cPer][a][b]. */
export function conv2dMultiReference(x: Planes, k: Weights, bias: Float32Array | undefined, o: MultiOptions = {}) {
  const g = convGeometry({ inH: x.h, inW: x.w, kH: k.kh, kW: k.kw, ...o });
  const groups = o.groups ?? 1;
  const outPer = k.cOut / groups;
  const y = new Float64Array(k.cOut * g.outH * g.outW);
  for (let oc = 0; oc < k.cOut; oc++) {
    const group = Math.floor(oc / outPer);
    for (let i = 0; i < g.outH; i++) {
      for (let j = 0; j < g.outW; j++) {
        let s = bias ? bias[oc] : 0;
        for (let ci = 0; ci < k.cInPerGroup; ci++) {
          const c = group * k.cInPerGroup + ci;
          for (let a = 0; a < k.kh; a++) {
            const r = i * g.strideH - g.padTop + a * g.dilationH;
            if (r < 0 || r >= x.h) continue;
            for (let b = 0; b < k.kw; b++) {
              const col = j * g.strideW - g.padLeft + b * g.dilationW;
              if (col < 0 || col >= x.w) continue;
              s += x.data[(c * x.h + r) * x.w + col] * k.data[((oc * k.cInPerGroup + ci) * k.kh + a) * k.kw + b];
            }
          }
        }
        y[(oc * g.outH + i) * g.outW + j] = s;
      }
    }
  }
  return { data: y, c: k.cOut, h: g.outH, w: g.outW };
}

/**
 * Adam, the gradient step both tune scripts fit their softmax weights with: the features' scales differ
 * little once standardised, but their effects do, and Adam's per-weight step size copes with that.
 */
export class Adam {
  private readonly m: Float64Array;
  private readonly v: Float64Array;
  private steps = 0;

  /** `size` weights, moved at most about `rate` a step. */
  constructor(
    size: number,
    private readonly rate: number,
  ) {
    this.m = new Float64Array(size);
    this.v = new Float64Array(size);
  }

  /** Moves `w` one step against `grad` (which holds any regularisation already). */
  step(w: Float64Array, grad: Float64Array): void {
    const { m, v } = this;
    const t = ++this.steps;
    for (let i = 0; i < w.length; i++) {
      const g = grad[i] as number;
      m[i] = 0.9 * (m[i] as number) + 0.1 * g;
      v[i] = 0.999 * (v[i] as number) + 0.001 * g * g;
      const mh = (m[i] as number) / (1 - 0.9 ** t);
      const vh = (v[i] as number) / (1 - 0.999 ** t);
      w[i] = (w[i] as number) - (this.rate * mh) / (Math.sqrt(vh) + 1e-8);
    }
  }
}

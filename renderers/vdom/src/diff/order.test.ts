import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { OrderList } from './order.js';

describe('OrderList', () => {
  it('tracks indices through removes and inserts exactly as an array does', () => {
    const op = fc.tuple(fc.boolean(), fc.nat(), fc.nat());
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 40 }), fc.array(op, { maxLength: 60 }), (n, ops) => {
        const items = Array.from({ length: n }, (_, i) => i);
        const model = [...items];
        const list = new OrderList(items, 4);
        let next = n;
        for (const [insert, a, b] of ops) {
          if (insert || model.length === 0) {
            const anchor =
              model.length === 0 || b % (model.length + 1) === model.length
                ? null
                : (model[b % model.length] as number);
            const at = anchor === null ? model.length : model.indexOf(anchor);
            model.splice(at, 0, next);
            expect(list.insertBefore(next++, anchor)).toBe(at);
          } else {
            const x = model[a % model.length] as number;
            expect(list.remove(x)).toBe(model.indexOf(x));
            model.splice(model.indexOf(x), 1);
          }
        }
        for (const x of model) expect(list.indexOf(x)).toBe(model.indexOf(x));
      }),
    );
  });
});

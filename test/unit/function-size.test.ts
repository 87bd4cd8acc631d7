// scripts/function-size.ts: counts each function's lines by its syntax tree, names it as a reader would.
import { describe, expect, it } from 'vitest';
import { longFunctions } from '../../scripts/function-size';

const SOURCE = `
export function outer(a: string) {
  const s = '}}}';
  const r = /\\}/g;
  const t = \`\${a} }\`;
  const inner = () => {
    return 1;
  };
  return s + r.source + t + inner();
}
const short = (x: number) => x + 1;
const obj = {
  method() {
    return <div>{'}'}</div>;
  },
};
`;

describe('function-size', () => {
  it('lists functions over the limit, nested ones too, with their names and first lines', () => {
    expect(longFunctions(SOURCE, 'x.tsx', 2)).toEqual([
      { file: 'x.tsx', name: 'outer', line: 2, lines: 9 },
      { file: 'x.tsx', name: 'inner', line: 6, lines: 3 },
      { file: 'x.tsx', name: 'method', line: 13, lines: 3 },
    ]);
    expect(longFunctions(SOURCE, 'x.tsx', 9)).toEqual([]);
  });
});

import { assertNever } from '../src/core/sheet/never';

describe('assertNever', () => {
  it('throws, naming the value, when a member a switch does not know reaches it at run time', () => {
    expect(() => assertNever({ type: 'future-edit' } as never)).toThrow('未处理的类型：{"type":"future-edit"}');
  });
});

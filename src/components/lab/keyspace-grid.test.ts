import { cellName } from './KeyList.tsx';

test('a grid cell names its key by the short part after the last colon, or not at all', () => {
  expect(cellName('user:1')).toBe('1');
  expect(cellName('user:100')).toBe('100');
  expect(cellName('product:1:views')).toBeNull();
  expect(cellName('session:abcd')).toBeNull();
  expect(cellName('user:')).toBeNull();
  expect(cellName('k')).toBe('k');
});

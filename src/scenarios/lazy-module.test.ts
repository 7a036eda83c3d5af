import { lazyModule } from './lazy-module.ts';

test('a lazy module imports once, says whether it is there, and names itself when used too early', async () => {
  let imports = 0;
  const parts = lazyModule(async () => {
    imports++;
    return { answer: 42 };
  }, 'the answer');
  expect(parts.loaded).toBe(false);
  expect(() => parts.get()).toThrow("the answer is not loaded yet: await prepareRedis('commands') first");
  await parts.load();
  await parts.load();
  expect(imports).toBe(1);
  expect(parts.loaded).toBe(true);
  expect(parts.get().answer).toBe(42);
});

import { MemoryStorage } from './memoryStorage.ts';
import { parseSavedProgress, PROGRESS_KEY, ProgressStore } from './progress.ts';

describe('saved progress', () => {
  test.each([
    ['nothing saved', null, null],
    ['valid', '{"version":1,"completed":["01-a"],"checks":["01-a/lab-1"]}', null],
    ['not JSON', '{"version":1,', 'corrupt'],
    ['JSON but not an object', '[1,2]', 'corrupt'],
    ['no version', '{"completed":[]}', 'corrupt'],
    ['an older version', '{"version":0,"done":["01-a"]}', 'outdated'],
    ['a newer version', '{"version":2,"completed":[],"checks":[]}', 'outdated'],
    ['the right version with a wrong shape', '{"version":1,"completed":"01-a","checks":[]}', 'corrupt'],
    ['non-string entries', '{"version":1,"completed":[1],"checks":[]}', 'corrupt'],
  ])('%s → reset reason %s', (_name, text, reason) => {
    expect(parseSavedProgress(text).resetReason).toBe(reason);
  });

  test('corrupt data is replaced at once, so the reset is reported only once', () => {
    const storage = new MemoryStorage();
    storage.setItem(PROGRESS_KEY, 'garbage');
    expect(new ProgressStore(storage).getSnapshot().resetReason).toBe('corrupt');
    expect(new ProgressStore(storage).getSnapshot().resetReason).toBeNull();
  });

  test('completions and passed checks survive a reload and notify subscribers', () => {
    const storage = new MemoryStorage();
    const store = new ProgressStore(storage);
    const seen: number[] = [];
    store.subscribe(() => seen.push(store.getSnapshot().completed.length));
    store.setComplete('01-a', true);
    store.passCheck('01-a', 'lab-1');
    store.passCheck('01-a', 'lab-1');
    store.setComplete('02-b', true);
    store.setComplete('01-a', false);
    expect(seen).toEqual([1, 1, 2, 1]);
    const reloaded = new ProgressStore(storage).getSnapshot();
    expect(reloaded.completed).toEqual(['02-b']);
    expect(reloaded.checks).toEqual(['01-a/lab-1']);
  });

  test('storage that throws (privacy mode, quota) degrades to this visit only, without crashing', () => {
    const broken = new MemoryStorage();
    broken.getItem = () => {
      throw new Error('denied');
    };
    broken.setItem = () => {
      throw new Error('quota');
    };
    const store = new ProgressStore(broken);
    store.setComplete('01-a', true);
    expect(store.getSnapshot()).toMatchObject({ completed: ['01-a'], persistent: false, resetReason: null });
  });
});

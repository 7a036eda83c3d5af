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

  test('a failed save is reported once, as "full" for a quota error and "unavailable" otherwise', () => {
    const full = new MemoryStorage();
    full.setItem = () => {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    };
    const store = new ProgressStore(full);
    expect(store.getSnapshot().saveProblem).toBeNull();
    store.setComplete('01-a', true);
    expect(store.getSnapshot()).toMatchObject({ saveProblem: 'full', persistent: false, completed: ['01-a'] });
    store.dismissSaveNotice();
    store.passCheck('01-a', 'lab-1');
    expect(store.getSnapshot()).toMatchObject({ saveProblem: null, persistent: false, checks: ['01-a/lab-1'] });

    const blocked = new MemoryStorage();
    blocked.setItem = () => {
      throw new Error('SecurityError');
    };
    const other = new ProgressStore(blocked);
    other.setComplete('01-a', true);
    expect(other.getSnapshot().saveProblem).toBe('unavailable');
    const none = new ProgressStore(null);
    none.setComplete('01-a', true);
    expect(none.getSnapshot().saveProblem).toBe('unavailable');
  });

  test('a save that works again makes progress persistent again, without a second notice', () => {
    const storage = new MemoryStorage();
    let refuse = true;
    const setItem = storage.setItem.bind(storage);
    storage.setItem = (key, value) => {
      if (refuse) throw new DOMException('full', 'QuotaExceededError');
      setItem(key, value);
    };
    const store = new ProgressStore(storage);
    store.setComplete('01-a', true);
    store.dismissSaveNotice();
    refuse = false;
    store.setComplete('02-b', true);
    expect(store.getSnapshot()).toMatchObject({ persistent: true, saveProblem: null });
    expect(JSON.parse(storage.getItem(PROGRESS_KEY)!).completed).toEqual(['01-a', '02-b']);
  });
});

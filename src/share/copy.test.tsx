import { copyText } from './ShareControls.tsx';

/** jsdom has no isSecureContext; the browser decides it from the page's origin. */
const secure = (value: boolean) => Object.defineProperty(window, 'isSecureContext', { value, configurable: true });

describe('copyText', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('uses the Clipboard API in a secure context', async () => {
    const writeText = vi.fn().mockResolvedValue(undefined);
    secure(true);
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    expect(await copyText('https://x.example/#/embed/basics')).toBe(true);
    expect(writeText).toHaveBeenCalledWith('https://x.example/#/embed/basics');
  });

  it('falls back to a selected textarea and execCommand when the API refuses, and cleans up', async () => {
    secure(true);
    Object.defineProperty(navigator, 'clipboard', { value: { writeText: vi.fn().mockRejectedValue(new Error('denied')) }, configurable: true });
    let copied = '';
    document.execCommand = vi.fn((command: string) => {
      copied = command === 'copy' ? ((document.activeElement as HTMLTextAreaElement | null)?.value ?? (document.querySelector('textarea')?.value ?? '')) : '';
      return true;
    });
    expect(await copyText('link')).toBe(true);
    expect(copied).toBe('link');
    expect(document.querySelector('textarea')).toBeNull();
  });

  it('reports failure when neither way works, so the link is shown to copy by hand', async () => {
    secure(false);
    document.execCommand = vi.fn(() => false);
    expect(await copyText('link')).toBe(false);
  });
});

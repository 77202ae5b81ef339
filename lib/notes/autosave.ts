/**
 * Saves text shortly after the user stops typing, and at once when asked to flush (the page is
 * being hidden or closed). Writes never overlap and the last text always wins: if the user types
 * during a save, one more save follows with the newest text.
 */
export const AUTOSAVE_DELAY_MS = 300;

export interface Autosaver {
  schedule(text: string): void;
  flush(): Promise<void>;
  /** True while a change is not yet durable. */
  readonly dirty: boolean;
}

export interface AutosaverOptions {
  save: (text: string) => Promise<void>;
  onSaved?: () => void;
  onError?: (error: unknown) => void;
  delayMs?: number;
}

export function createAutosaver({ save, onSaved, onError, delayMs = AUTOSAVE_DELAY_MS }: AutosaverOptions): Autosaver {
  let pending: string | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let running: Promise<void> = Promise.resolve();

  const drain = (): Promise<void> => {
    if (timer !== null) {
      clearTimeout(timer);
      timer = null;
    }
    running = running.then(async () => {
      while (pending !== null) {
        const text = pending;
        pending = null;
        try {
          await save(text);
        } catch (error) {
          // Keep the text so the next keystroke or flush tries again; nothing typed is dropped.
          pending ??= text;
          onError?.(error);
          return;
        }
      }
      onSaved?.();
    });
    return running;
  };

  return {
    schedule(text) {
      pending = text;
      if (timer !== null) clearTimeout(timer);
      timer = setTimeout(() => void drain(), delayMs);
    },
    flush: drain,
    get dirty() {
      return pending !== null;
    },
  };
}

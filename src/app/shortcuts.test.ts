import { describe, expect, it } from 'vitest';
import { matchShortcut, SHORTCUTS, type KeyInput } from './shortcuts.ts';

const key = (over: Partial<KeyInput>): KeyInput => ({
  key: '',
  code: '',
  altKey: false,
  ctrlKey: false,
  metaKey: false,
  shiftKey: false,
  inTextField: false,
  ...over,
});

describe('matchShortcut', () => {
  it('Alt + letter by physical key, also where Option changes the character (macOS)', () => {
    expect(matchShortcut(key({ altKey: true, code: 'KeyC', key: 'c' }))).toBe('connect');
    expect(matchShortcut(key({ altKey: true, code: 'KeyC', key: 'ç' }))).toBe('connect');
    expect(matchShortcut(key({ altKey: true, code: 'KeyX', key: 'x', inTextField: true }))).toBe(
      'disconnect',
    );
    expect(matchShortcut(key({ altKey: true, code: 'KeyT' }))).toBe('focus-token');
    expect(matchShortcut(key({ altKey: true, code: 'KeyL' }))).toBe('clear-log');
  });

  it('leaves other combinations and the browser’s own Alt keys alone', () => {
    expect(matchShortcut(key({ altKey: true, ctrlKey: true, code: 'KeyC' }))).toBeNull(); // AltGr on Windows
    expect(matchShortcut(key({ altKey: true, shiftKey: true, code: 'KeyC' }))).toBeNull();
    expect(matchShortcut(key({ altKey: true, code: 'KeyD' }))).toBeNull();
    expect(matchShortcut(key({ code: 'KeyC', key: 'c' }))).toBeNull();
    expect(matchShortcut(key({ altKey: true, code: 'KeyC', repeat: true }))).toBeNull();
  });

  it('"?" opens the help, but not while typing', () => {
    expect(matchShortcut(key({ key: '?', shiftKey: true, code: 'Slash' }))).toBe('help');
    expect(matchShortcut(key({ key: '?', shiftKey: true, inTextField: true }))).toBeNull();
  });

  it('every shortcut is listed once', () => {
    expect(new Set(SHORTCUTS.map((s) => s.id)).size).toBe(SHORTCUTS.length);
  });
});

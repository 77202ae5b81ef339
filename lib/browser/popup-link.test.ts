import { describe, expect, it } from 'vitest';
import { linkedAgreement, linkedReminder, popupLink } from './popup-link';

const searchOf = (link: string) => new URL(link, 'chrome-extension://id').search;

describe('the link that opens the popup at one agreement', () => {
  it('is read back as the agreement and the reminder it names, whatever their characters', () => {
    const link = popupLink('a b&c=d/é', 'r?1#2');
    expect(link.startsWith('/popup.html?')).toBe(true);
    expect(linkedAgreement(searchOf(link))).toBe('a b&c=d/é');
    expect(linkedReminder(searchOf(link))).toBe('r?1#2');
  });

  it('names the agreement alone when the reminder is not known', () => {
    const link = popupLink('agreement-1', null);
    expect(linkedAgreement(searchOf(link))).toBe('agreement-1');
    expect(linkedReminder(searchOf(link))).toBeNull();
  });

  it('is the plain popup without an agreement, even with a reminder', () => {
    expect(popupLink(null)).toBe('/popup.html');
    expect(popupLink(null, 'reminder-1')).toBe('/popup.html');
    expect(linkedAgreement('')).toBeNull();
    expect(linkedReminder('')).toBeNull();
  });
});

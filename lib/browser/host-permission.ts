import { browser } from 'wxt/browser';

/**
 * The optional host permission for one server (the WebDAV server the vault lives on), asked at the
 * moment of use. The manifest lists `https://*\/*` (and plain http to this computer) under
 * optional_host_permissions only so that one origin can be asked for; nothing is granted at install.
 *
 * Firefox grants `permissions.request` only while the user's click is being handled, before any
 * await; Chrome needs a user gesture too. So `requestHostPermission` is not async: its first
 * statement after the check is the request, and the caller calls it straight from the click
 * handler, awaiting afterwards.
 */

/** `https://host/*` or `http://host/*`, the form lib/sync/presets.ts gives (match patterns carry no port). */
const PATTERN = /^https?:\/\/[^/*:@\s]+\/\*$/;

export function isHostPattern(pattern: string): boolean {
  return PATTERN.test(pattern);
}

/** Asks the browser for one origin. Call it synchronously from a click handler. Resolves to whether it was granted. */
export function requestHostPermission(pattern: string): Promise<boolean> {
  if (!isHostPattern(pattern)) return Promise.reject(new Error(`Not a host pattern: ${pattern}`));
  return browser.permissions.request({ origins: [pattern] });
}

/** Whether the origin is granted now (the user can withdraw it in the browser's settings at any time). */
export async function hasHostPermission(pattern: string): Promise<boolean> {
  if (!isHostPattern(pattern)) return false;
  return browser.permissions.contains({ origins: [pattern] });
}

/** Gives the origin back, when sync is turned off. */
export async function removeHostPermission(pattern: string): Promise<boolean> {
  if (!isHostPattern(pattern)) return false;
  return browser.permissions.remove({ origins: [pattern] });
}

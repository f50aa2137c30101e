/**
 * The guest page reads its link from the URL fragment. Every fragment that cannot be a link is recognised before
 * anything is sent, with the kind of problem the page's message and the server's log are chosen by.
 */
import { describe, expect, it } from 'vitest';
import { readFragment } from '../../../src-renderer/guest/link-token.js';
import { TokenSigner } from '../../../src-server/signalling/signed-token.js';

const token = new TokenSigner('a-secret-of-at-least-thirty-two-bytes!!').sign('guest-link/v1', { l: crypto.randomUUID(), a: crypto.randomUUID(), r: 'customer', e: 2_000_000_000 });

describe('readFragment', () => {
  it('reads a link as the server makes it, also %-encoded or with whitespace a mail program added', () => {
    expect(readFragment(token)).toEqual({ kind: 'link', token });
    expect(readFragment(encodeURIComponent(token))).toEqual({ kind: 'link', token });
    expect(readFragment(`${token}%20`)).toEqual({ kind: 'link', token });
  });

  it('tells an empty fragment from a malformed one', () => {
    expect(readFragment('')).toEqual({ kind: 'none' });
    expect(readFragment('   ')).toEqual({ kind: 'none' });
  });

  it.each([
    ['100,000 characters', 'A'.repeat(100_000), 'link_too_long'],
    ['a valid token with 5,000 characters appended', token + 'x'.repeat(5_000), 'link_too_long'],
    ['a.b.c', 'a.b.c', 'link_bad_shape'],
    ['a broken %-escape', `${token.slice(0, 20)}%E0%A4%A`, 'link_bad_escape'],
    ['a lone %', '%', 'link_bad_escape'],
    ['the token cut in half', token.slice(0, Math.floor(token.length / 2)), 'link_bad_shape'],
    ['the signature cut short', token.slice(0, -1), 'link_bad_shape'],
    ['two tokens', `${token}${token}`, 'link_bad_shape'],
    ['a web address instead of a token', encodeURIComponent('https://example.org/einladung?id=42'), 'link_bad_shape'],
    ['markup', encodeURIComponent('<script>alert(1)</script>'), 'link_bad_shape'],
  ])('refuses %s', (_name, fragment, problem) => {
    expect(readFragment(fragment)).toEqual({ kind: 'malformed', problem, length: fragment.length });
  });
});

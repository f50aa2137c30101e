import { describe, expect, it } from 'vitest';
import { parseServerAddress, SERVER_ADDRESS_HINT } from '../../../src-shared/policy/server-address.js';

describe('the server address a person types', () => {
  it.each([
    ['127.0.0.1:8470', 'http://127.0.0.1:8470'],
    ['localhost:8470/', 'http://localhost:8470'],
    ['beratung.agentur.example', 'https://beratung.agentur.example'],
    ['beratung.agentur.example:8443', 'https://beratung.agentur.example:8443'],
    ['  https://beratung.agentur.example/raum  ', 'https://beratung.agentur.example/raum'],
    ['http://127.0.0.1:8470', 'http://127.0.0.1:8470'],
  ])('takes %s as %s', (typed, url) => {
    expect(parseServerAddress(typed)).toEqual({ ok: true, url });
  });

  it.each(['', 'http://beratung.agentur.example', 'ftp://beratung.agentur.example', 'beratung agentur', 'https://nutzer:pw@beratung.agentur.example'])(
    'refuses %j and says what to type',
    (typed) => {
      expect(parseServerAddress(typed)).toEqual({ ok: false, message: SERVER_ADDRESS_HINT });
    },
  );
});

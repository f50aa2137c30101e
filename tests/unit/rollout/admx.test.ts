// The Group Policy template must write exactly the registry values the client reads, with the types and ranges
// of the policy schema, and both language files must carry every string and presentation it refers to.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DOMParser } from '@xmldom/xmldom';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { DEFAULTS, LogLevel, ManagedSettings, UpdateChannel, type SettingKey } from '../../../src-shared/policy/settings.js';
import { REGISTRY_KEY, VALUE_NAMES } from '../../../src-main/services/policy/registry.js';

const folder = join(import.meta.dirname, '../../../src-main/services/policy/admx');

function parse(file: string): Document {
  const errors: string[] = [];
  const doc = new DOMParser({ errorHandler: { warning: () => {}, error: (m: string) => errors.push(m), fatalError: (m: string) => errors.push(m) } }).parseFromString(
    readFileSync(join(folder, file), 'utf8'),
    'text/xml',
  );
  expect(errors, `${file} is well-formed XML`).toEqual([]);
  return doc as unknown as Document;
}

const all = (doc: Document, tag: string) => Array.from(doc.getElementsByTagName(tag));
// xmldom 0.8 has neither firstElementChild nor null for a missing attribute.
const children = (node: Element): Element[] => Array.from(node.childNodes).filter((child): child is Element => child.nodeType === 1);
const firstElement = (node: Element): Element => children(node)[0]!;
const attribute = (node: Element, name: string): string | null => (node.hasAttribute(name) ? node.getAttribute(name) : null);
const admx = parse('Beratungsraum.admx');
const admls = { 'de-DE': parse('de-DE/Beratungsraum.adml'), 'en-US': parse('en-US/Beratungsraum.adml') };

describe('Group Policy template (ADMX)', () => {
  const policies = all(admx, 'policy');

  it('writes every value the client reads, under its key, and nothing else', () => {
    const written = policies.map((policy) => attribute(policy, 'valueName') ?? firstElement(policy.getElementsByTagName('elements')[0]!).getAttribute('valueName'));
    expect(written.sort()).toEqual(Object.values(VALUE_NAMES).map((v) => v.name).sort());
    for (const policy of policies) {
      expect(`HKLM\\${policy.getAttribute('key')}`).toBe(REGISTRY_KEY);
      expect(policy.getAttribute('class')).toBe('Machine');
    }
  });

  it('uses the registry types the parser expects and the schema’s ranges and choices', () => {
    for (const [key, spec] of Object.entries(VALUE_NAMES)) {
      const policy = policies.find((p) => p.getAttribute('name') === spec.name)!;
      if (spec.kind === 'boolean') {
        expect(policy.getAttribute('valueName')).toBe(spec.name);
        expect(policy.getElementsByTagName('enabledValue')[0]!.getElementsByTagName('decimal')[0]!.getAttribute('value')).toBe('1');
        expect(policy.getElementsByTagName('disabledValue')[0]!.getElementsByTagName('decimal')[0]!.getAttribute('value')).toBe('0');
        continue;
      }
      const element = firstElement(policy.getElementsByTagName('elements')[0]!);
      if (spec.kind === 'number') {
        expect(element.tagName).toBe('decimal');
        const schema = ManagedSettings.shape[key as SettingKey];
        if (!(schema instanceof z.ZodNumber)) throw new Error(`${key} is read as a number, but its schema is not one`);
        expect([Number(element.getAttribute('minValue')), Number(element.getAttribute('maxValue'))]).toEqual([schema.minValue, schema.maxValue]);
      } else if (key === 'updateChannel' || key === 'logLevel') {
        expect(element.tagName).toBe('enum');
        const values = Array.from(element.getElementsByTagName('string')).map((s) => s.textContent);
        expect(values).toEqual(key === 'updateChannel' ? UpdateChannel.options : LogLevel.options);
      } else {
        expect(element.tagName).toBe('text');
      }
    }
  });

  it.each(Object.entries(admls))('%s offers the client’s own default in every number box', (_lang, adml) => {
    const boxes = all(adml, 'decimalTextBox');
    const numberKeys = Object.entries(VALUE_NAMES).filter(([, spec]) => spec.kind === 'number');
    expect(boxes.map((box) => box.getAttribute('refId')).sort()).toEqual(numberKeys.map(([, spec]) => spec.name).sort());
    for (const [key, spec] of numberKeys) {
      const box = boxes.find((candidate) => candidate.getAttribute('refId') === spec.name)!;
      expect(Number(box.getAttribute('defaultValue')), spec.name).toBe(DEFAULTS[key as SettingKey]);
    }
  });

  it.each(Object.entries(admls))('%s carries every string and presentation the template refers to', (_lang, adml) => {
    const text = readFileSync(join(folder, 'Beratungsraum.admx'), 'utf8');
    const strings = new Set(all(adml, 'string').map((s) => s.getAttribute('id')));
    const presentations = new Map(all(adml, 'presentation').map((p) => [p.getAttribute('id'), p]));
    for (const [, id] of text.matchAll(/\$\(string\.([A-Za-z0-9_]+)\)/g)) expect(strings.has(id!), `string ${id}`).toBe(true);
    for (const [, id] of text.matchAll(/\$\(presentation\.([A-Za-z0-9_]+)\)/g)) {
      const presentation = presentations.get(id!);
      expect(presentation, `presentation ${id}`).toBeDefined();
      const refIds = children(presentation!).map((node) => node.getAttribute('refId'));
      const elements = all(admx, 'policy')
        .find((p) => p.getAttribute('presentation') === `$(presentation.${id})`)!
        .getElementsByTagName('elements')[0]!;
      expect(refIds).toEqual(children(elements).map((element) => element.getAttribute('id')));
    }
  });
});

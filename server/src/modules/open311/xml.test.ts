import { describe, expect, it } from 'vitest';
import { asText, parseXml, sparkOf } from './test-helpers.ts';
import { escapeXml, toXml } from './xml.ts';

describe('the XML writer', () => {
  it('escapes the five markup characters and keeps a CR through parsing', () => {
    expect(escapeXml(`<a href="x">Tom & 'Jerry'</a>\r\n`)).toBe(
      '&lt;a href=&quot;x&quot;&gt;Tom &amp; &apos;Jerry&apos;&lt;/a&gt;&#13;\n',
    );
    const text = '第一行\r\n第二行\r第三行\n\t<&>"\'';
    const doc = toXml('service_requests', [{ description: text }]);
    expect(sparkOf(parseXml(doc))).toEqual([{ description: text }]);
  });

  it('replaces characters XML 1.0 cannot carry, and keeps everything else of Unicode', () => {
    expect(escapeXml('a\u0000b\u0008c\u000Bd\u001Fe\uFFFEf')).toBe('a\uFFFDb\uFFFDc\uFFFDd\uFFFDe\uFFFDf');
    expect(escapeXml('lone \uD800 high, lone \uDC00 low')).toBe('lone \uFFFD high, lone \uFFFD low');
    expect(escapeXml('路灯 🚲 é \u2028')).toBe('路灯 🚲 é \u2028');
  });

  it('writes list containers with their spec item names, even for one item or none', () => {
    const doc = toXml('services', [{ service_code: '05.02', metadata: true, keywords: null }]);
    expect(doc).toBe(
      [
        '<?xml version="1.0" encoding="utf-8"?>',
        '<services>',
        '  <service>',
        '    <service_code>05.02</service_code>',
        '    <metadata>true</metadata>',
        '    <keywords/>',
        '  </service>',
        '</services>',
        '',
      ].join('\n'),
    );
    expect(toXml('service_definition', { service_code: '01.03', attributes: [] })).toContain('<attributes/>');
    expect(toXml('discovery', { endpoints: [{ formats: ['text/xml'] }] })).toContain(
      '<formats>\n        <format>text/xml</format>\n      </formats>',
    );
  });

  it('leaves out undefined fields and refuses what it cannot name', () => {
    expect(toXml('errors', [{ code: '400', description: undefined }])).not.toContain('description');
    expect(() => toXml('requests', [])).toThrow(/no item element/);
    expect(() => toXml('service_definition', { 'bad name': 'x' })).toThrow(/element name/);
    expect(() => toXml('service_definition', { lat: Number.NaN })).toThrow();
  });

  it('says in XML exactly what the JSON says (Spark convention)', () => {
    const value = [
      {
        service_request_id: '12',
        lat: 33.6,
        long: 114.65,
        media_url: null,
        notes: [{ datetime: '2026-01-05T09:30:00+08:00', description: '上报', type: 'report' }],
      },
    ];
    expect(sparkOf(parseXml(toXml('service_requests', value)))).toEqual(asText(value));
  });

  it('has a test parser that rejects broken documents', () => {
    const decl = '<?xml version="1.0" encoding="utf-8"?>';
    for (const bad of [
      '<a/>',
      `${decl}<a><b></a></b>`,
      `${decl}<a>x & y</a>`,
      `${decl}<a>&nbsp;</a>`,
      `${decl}<a></a><b/>`,
      `${decl}<a x="1"/>`,
      `${decl}<a>\u0001</a>`,
    ]) {
      expect(() => parseXml(bad), bad).toThrow();
    }
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fromHex, toHex } from '../../lib/encoding/bytes';
import { decodeTlv, encodeTlv, findTlv, findValue, isConstructed, tagBytes, TlvError } from '../../lib/emv/tlv';
import type { TlvNode } from '../../lib/emv/tlv';

// Tags: one byte (low 5 bits not all set) or multi-byte with correct continuation bits.
const arbTagBytes = (constructed: boolean): fc.Arbitrary<number[]> => {
  const cbit = constructed ? 0x20 : 0;
  const single = fc
    .integer({ min: 0, max: 0xff })
    .map((b) => (b & 0xdf) | cbit)
    .filter((b) => (b & 0x1f) !== 0x1f && b !== 0);
  const multi = fc
    .tuple(
      fc.integer({ min: 0, max: 0xff }),
      fc.array(fc.integer({ min: 0x80, max: 0xff }), { maxLength: 2 }),
      fc.integer({ min: 0, max: 0x7f }),
    )
    .map(([f, mid, last]) => [(f & 0xc0) | cbit | 0x1f, ...mid, last]);
  return fc.oneof(
    single.map((b) => [b]),
    multi,
  );
};
const tagText = (bytes: number[]): string => toHex(Uint8Array.from(bytes));

const arbNode: fc.Arbitrary<TlvNode> = fc.letrec<{ node: TlvNode }>((tie) => ({
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.record({ tag: arbTagBytes(false).map(tagText), value: fc.uint8Array({ maxLength: 300 }) }),
    fc.record({ tag: arbTagBytes(true).map(tagText), children: fc.array(tie('node'), { maxLength: 4 }) }),
  ),
})).node;

describe('BER-TLV', () => {
  it('encodes the spec annex example 1 byte for byte', () => {
    const bytes = encodeTlv([
      { tag: '85', value: new TextEncoder().encode('CPV01') },
      {
        tag: '61',
        children: [
          { tag: '4F', value: fromHex('A0000000555555') },
          { tag: '57', value: fromHex('1234567890123458D191220112345F') },
        ],
      },
    ]);
    expect(toHex(bytes)).toBe(
      '850543505630316 11A4F07A0000000555555570F1234567890123458D191220112345F'.replace(/ /g, ''),
    );
  });

  it('round-trips any tree of objects', () => {
    fc.assert(
      fc.property(fc.array(arbNode, { maxLength: 5 }), (nodes) => {
        expect(decodeTlv(encodeTlv(nodes))).toEqual(nodes);
      }),
    );
  });

  it('long-form lengths: 127 short, 128 as 81 80, 256 as 82 01 00', () => {
    for (const [len, head] of [
      [127, '017F'],
      [128, '018180'],
      [255, '0181FF'],
      [256, '01820100'],
      [70000, '0183011170'],
    ] as const) {
      const enc = encodeTlv([{ tag: '01', value: new Uint8Array(len) }]);
      expect(toHex(enc.slice(0, head.length / 2))).toBe(head);
      expect((decodeTlv(enc)[0] as { value: Uint8Array }).value).toHaveLength(len);
    }
    // non-minimal long form is still BER and is read
    expect(decodeTlv(fromHex('018103AABBCC'))).toEqual([{ tag: '01', value: fromHex('AABBCC') }]);
  });

  it('multi-byte tags and padding', () => {
    expect(decodeTlv(fromHex('9F2602ABCD'))).toEqual([{ tag: '9F26', value: fromHex('ABCD') }]);
    expect(decodeTlv(fromHex('DF817F01FF'))).toEqual([{ tag: 'DF817F', value: fromHex('FF') }]);
    expect(decodeTlv(fromHex('00005A01120000'))).toEqual([{ tag: '5A', value: fromHex('12') }]);
    expect(decodeTlv(new Uint8Array(0))).toEqual([]);
  });

  it('rejects malformed input with TlvError', () => {
    const bad = [
      '9F', // truncated tag
      '9F26', // missing length
      '5A05AABB', // value shorter than length
      '5A80', // indefinite length
      '5A85FFFFFFFFFF', // 5 length bytes
      '5A82FF', // truncated length
      '9F8181818101AA', // tag longer than 4 bytes
      '6103AABBCC', // constructed with bad children
      '6102610100', // nested template overruns its parent
    ];
    for (const hex of bad) expect(() => decodeTlv(fromHex(hex)), hex).toThrow(TlvError);
    // 20 nested templates exceed the depth limit
    let deep = new Uint8Array(0);
    for (let i = 0; i < 20; i++) deep = Uint8Array.from([0x61, deep.length, ...deep]);
    expect(() => decodeTlv(deep)).toThrow(/deeper/);
    expect(() => decodeTlv('5A00' as unknown as Uint8Array)).toThrow(TlvError);
  });

  it('refuses to encode inconsistent nodes', () => {
    expect(() => encodeTlv([{ tag: '5A', children: [] }])).toThrow(/primitive/);
    expect(() => encodeTlv([{ tag: '61', value: new Uint8Array(1) }])).toThrow(/constructed/);
    for (const t of ['9F', '5A5A', '9F8080', '5a', '', '00', 'DF81818181'])
      expect(() => tagBytes(t), t).toThrow(TlvError);
    expect(tagBytes('9F26')).toEqual(fromHex('9F26'));
  });

  it('any bytes decode or fail with TlvError, never anything else', () => {
    const tlvish = fc
      .array(
        fc.oneof(
          fc.constantFrom(0x00, 0x1f, 0x5a, 0x61, 0x63, 0x80, 0x81, 0x82, 0x9f, 0xff),
          fc.integer({ min: 0, max: 255 }),
        ),
        { maxLength: 64 },
      )
      .map((a) => Uint8Array.from(a));
    fc.assert(
      fc.property(fc.oneof(tlvish, fc.uint8Array({ maxLength: 64 })), (bytes) => {
        let nodes: TlvNode[] | undefined;
        try {
          nodes = decodeTlv(bytes);
        } catch (e) {
          expect(e).toBeInstanceOf(TlvError);
        }
        if (nodes) expect(decodeTlv(encodeTlv(nodes))).toEqual(nodes); // what decodes re-encodes
      }),
      { numRuns: 2000 },
    );
  });

  it('find helpers', () => {
    const nodes = decodeTlv(fromHex('5A0112610357015A'));
    expect(findValue(nodes, '5A')).toEqual(fromHex('12'));
    expect(findValue(nodes, '61')).toBeUndefined();
    const t = findTlv(nodes, '61');
    expect(t && isConstructed(t) && t.children).toEqual([{ tag: '57', value: fromHex('5A') }]);
  });
});

import { describe, expect, it } from 'vitest';
import { amountInWords, formatVnd, numberToVietnamese } from './words.ts';

describe('amount in Vietnamese words', () => {
  const cases: [number, string][] = [
    [0, 'Không đồng'],
    [5, 'Năm đồng'],
    [10, 'Mười đồng'],
    [15, 'Mười lăm đồng'],
    [21, 'Hai mươi mốt đồng'],
    [24, 'Hai mươi tư đồng'],
    [14, 'Mười bốn đồng'],
    [105, 'Một trăm linh năm đồng'],
    [110, 'Một trăm mười đồng'],
    [1000, 'Một nghìn đồng'],
    [15000, 'Mười lăm nghìn đồng'],
    [25000, 'Hai mươi lăm nghìn đồng'],
    [100000, 'Một trăm nghìn đồng'],
    [200000, 'Hai trăm nghìn đồng'],
    [1005, 'Một nghìn không trăm linh năm đồng'],
    [1050000, 'Một triệu không trăm năm mươi nghìn đồng'],
    [1250000, 'Một triệu hai trăm năm mươi nghìn đồng'],
    [1000001, 'Một triệu không trăm linh một đồng'],
    [2000000000, 'Hai tỷ đồng'],
    [3015000000, 'Ba tỷ không trăm mười lăm triệu đồng'],
    [1000000000000, 'Một nghìn tỷ đồng'],
  ];
  for (const [n, w] of cases) it(`${n} → ${w}`, () => expect(amountInWords(n)).toBe(w));

  it('refuses negative and fractional amounts', () => {
    expect(() => numberToVietnamese(-1)).toThrow(RangeError);
    expect(() => numberToVietnamese(1.5)).toThrow(RangeError);
  });

  it('formats with dots as thousands separators', () => {
    expect(formatVnd(200000)).toBe('200.000');
    expect(formatVnd(1250000)).toBe('1.250.000');
    expect(formatVnd(500)).toBe('500');
  });
});

import { readFileSync } from 'node:fs';
import { describe, it, expect } from 'vitest';
import { stripGluedPinyin } from '../../src/text/pinyin-strip.ts';
import { detectScript, toSimplified, toTraditional, PROTECTED_TERMS } from '../../src/text/script.ts';
import { cleanScrapedText } from '../../src/text/clean.ts';

const SEED = '/work/shared/seed/000_bb011242937a2749.txt';

describe('stripGluedPinyin: removes readings', () => {
  it('removes toned pinyin', () => {
    const r = stripGluedPinyin('臺(tái)山市中國(guó)');
    expect(r.text).toBe('臺山市中國');
    expect(r.removed).toEqual([
      { index: 0, han: '臺', reading: 'tái' },
      { index: 9, han: '國', reading: 'guó' },
    ]);
    expect(r.kept).toEqual([]);
  });

  it('removes toneless pinyin, including ü written as v or ü', () => {
    expect(stripGluedPinyin('印發(fa)通知').text).toBe('印發通知');
    expect(stripGluedPinyin('綠(lv)色綠(lü)色綠(lǜ)色').text).toBe('綠色綠色綠色');
  });

  it('removes repeated annotations', () => {
    const r = stripGluedPinyin('政(zheng)(zheng)務');
    expect(r.text).toBe('政務');
    expect(r.removed).toHaveLength(2);
  });

  it('removes the inner annotation of a nested group', () => {
    expect(stripGluedPinyin('市政府辦公(室(shi))').text).toBe('市政府辦公(室)');
  });

  it('removes annotations in full-width parentheses', () => {
    expect(stripGluedPinyin('臺（tái）山市').text).toBe('臺山市');
    expect(stripGluedPinyin('臺（tái)山市').text).toBe('臺山市');
  });

  it('normalises to NFC before matching (decomposed tone marks)', () => {
    expect(stripGluedPinyin('臺(ta\u0301i)山').text).toBe('臺山');
  });
});

describe('stripGluedPinyin: leaves non-pinyin parentheses alone', () => {
  const survivors = [
    '关于印发《政府信息公开管理办法(试行)》的通知',
    '年度报告(PDF)',
    '附件(a)',
    '附件(PDF)下载',
    '王(Wang)先生',
    '年度报告(2023)',
    '详见网站(https://www.gov.cn/x)',
    '《关于报送年度报告的函》(台山府办函〔2021〕61号 )',
    '(一)总体情况',
    '（一）总体情况',
    '各镇(街)、相关部门',
  ];
  for (const s of survivors) {
    it(`keeps ${s}`, () => {
      const r = stripGluedPinyin(s);
      expect(r.text).toBe(s);
      expect(r.removed).toEqual([]);
    });
  }

  it('reports capitalised groups as kept', () => {
    expect(stripGluedPinyin('王(Wang)先生').kept).toEqual([
      { index: 0, han: '王', annotation: '(Wang)', reason: 'capitalised' },
    ]);
  });
});

describe('stripGluedPinyin: misplaced readings', () => {
  it('keeps and reports a reading that does not belong to the character', () => {
    const r = stripGluedPinyin('报告(bào)');
    expect(r.text).toBe('报告(bào)');
    expect(r.removed).toEqual([]);
    expect(r.kept).toEqual([{ index: 1, han: '告', annotation: '(bào)', reason: 'not-a-reading' }]);
  });

  it('keeps the whole run when one of several groups is not a reading', () => {
    const r = stripGluedPinyin('报(bào)(gào)告');
    expect(r.text).toBe('报(bào)(gào)告');
    expect(r.kept).toHaveLength(1);
  });
});

describe('script detection and conversion', () => {
  it('detects Traditional and Simplified, unknown for too little evidence', () => {
    expect(detectScript('臺山市人民政府辦公室政府信息公開工作年度報告')).toBe('hant');
    expect(detectScript('台山市人民政府办公室政府信息公开工作年度报告')).toBe('hans');
    expect(detectScript('人民政府')).toBe('unknown');
    expect(detectScript('abc')).toBe('unknown');
  });

  it('does not take 乾 in Simplified text as a Traditional marker', () => {
    expect(detectScript('乾县人民政府办公室')).toBe('hans');
  });

  it('converts both ways and keeps protected terms', () => {
    expect(PROTECTED_TERMS).toContain('乾县');
    expect(toSimplified('陝西省乾縣人民政府報告')).toBe('陕西省乾县人民政府报告');
    expect(toSimplified('乾县與乾安縣')).toBe('乾县与乾安县');
    // No phrase mode: 信息 must not become 資訊.
    expect(toTraditional('政府信息公开工作年度报告')).toBe('政府信息公開工作年度報告');
  });
});

describe('cleanScrapedText', () => {
  it('cleans the scraped seed report', () => {
    const raw = readFileSync(SEED, 'utf8');
    expect(detectScript(raw)).toBe('hant');

    const r = cleanScrapedText(raw);
    expect(r.converted).toBe(true);
    expect(r.removedPinyin).toBeGreaterThan(100);
    expect(r.kept).toEqual([]);
    expect(r.text).not.toMatch(/\p{Script=Han}[(（][a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]/u);
    expect(r.text).not.toMatch(/[(（][a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]+[)）]\p{Script=Han}/u);
    expect(r.text).toContain('台山市人民政府办公室2020年');
    expect(r.text).toContain('政府信息公开工作年度报告');
    expect(r.text).toContain('各镇(街)');
    expect(r.text).toContain('(一)认真推进');
    expect(r.text).not.toContain('\r');
    expect(detectScript(r.text)).toBe('hans');
  });

  it('leaves Simplified text with 乾县 unchanged', () => {
    const s = '陕西省乾县人民政府2023年政府信息公开工作年度报告\n(一)主动公开情况';
    const r = cleanScrapedText(s);
    expect(r.text).toBe(s);
    expect(r.converted).toBe(false);
    expect(r.removedPinyin).toBe(0);
  });

  it('normalises CRLF to LF', () => {
    expect(cleanScrapedText('第一行\r\n第二行').text).toBe('第一行\n第二行');
  });
});

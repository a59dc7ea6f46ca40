import { describe, expect, it } from 'vitest';
import { renderForWeChat } from '../../../adapters/wechat/render.ts';

describe('renderForWeChat', () => {
  it('sends a message without choices as it is', () => {
    expect(renderForWeChat({ text: '已为您登记。' })).toBe('已为您登记。');
  });

  it('turns choices into numbered lines with a Chinese hint', () => {
    const text = renderForWeChat({ text: '请问您要办理什么业务？', choices: [{ label: '我要报案', value: '我要报案' }, { label: '转人工', value: 'human' }] });
    expect(text).toBe('请问您要办理什么业务？\n\n1. 我要报案\n2. 转人工\n（回复数字即可选择）');
  });

  it('uses the English hint for an English reply', () => {
    const text = renderForWeChat({ text: 'Is this correct?', choices: [{ label: 'Yes', value: 'yes' }, { label: 'No', value: 'no' }] });
    expect(text.split('\n')).toEqual(['Is this correct?', '', '1. Yes', '2. No', '(Reply with a number to choose)']);
  });

  it('offers at most nine choices, since a reply is a single digit', () => {
    const choices = Array.from({ length: 12 }, (_, i) => ({ label: `选项${i + 1}`, value: `v${i + 1}` }));
    const text = renderForWeChat({ text: '请选择', choices });
    expect(text).toContain('9. 选项9');
    expect(text).not.toContain('10.');
  });
});

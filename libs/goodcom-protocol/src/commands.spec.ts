import { displayCommand, printCommand } from './index';

describe('HttpC commands', () => {
  it('builds the GC-API print command, big font', () => {
    expect(printCommand('Order cancelled', { bigFont: true })).toBe('#!*P*\\3Order cancelled\r\n');
  });

  it('builds print and display commands without big font', () => {
    expect(printCommand('Hello')).toBe('#!*P*Hello\r\n');
    expect(displayCommand('Hello')).toBe('#!*D*Hello\r\n');
  });

  it('sanitises the text so it cannot inject a frame or a control sequence', () => {
    expect(printCommand('#1*2;3 \\3 /b\r\nnext')).toBe(
      '#!*P*\uFE5F1\uFE612\uFE543 \uFE683 \uFF0Fb%%next\r\n',
    );
    expect(displayCommand('Café #1', { textPolicy: 'ascii' })).toBe('#!*D*Cafe No.1\r\n');
  });
});

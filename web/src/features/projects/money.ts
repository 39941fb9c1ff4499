/** Money is fen on the wire; people type and read yuan with two decimals. */
export function yuan(fen: number): string {
  const neg = fen < 0;
  const a = Math.abs(fen);
  return `${neg ? '-' : ''}¥${Math.floor(a / 100).toLocaleString('zh-CN')}.${String(a % 100).padStart(2, '0')}`;
}
/** Yuan typed into an InputNumber (precision 2) → integer fen. */
export const toFen = (yuanValue: number) => Math.round(yuanValue * 100);

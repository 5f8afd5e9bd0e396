/** How wide a text is drawn in the page's font at `sizePx` (tabular numerals: digits are all alike). */
let canvas: CanvasRenderingContext2D | null | undefined;
export function textWidth(text: string, sizePx: number, weight = 400): number {
  if (canvas === undefined) canvas = document.createElement('canvas').getContext('2d');
  if (!canvas) return text.length * sizePx * 0.62;
  canvas.font = `${weight} ${sizePx}px ${getComputedStyle(document.body).fontFamily}`;
  // Digits drawn in the widest digit's width, as tabular numerals are.
  const digit = canvas.measureText('0').width;
  const digits = text.replace(/[^0-9]/g, '').length;
  return canvas.measureText(text.replace(/[0-9]/g, '')).width + digits * digit;
}

/**
 * The n-th stream's colour: hues a golden angle apart (so each new colour sits far from all
 * the earlier ones), stepping through three lightnesses as the hues come round again, so
 * that 30 or 300 streams still each have a colour of their own.
 */
export function streamColor(index: number): string {
  const hue = Math.round((index * 137.508) % 360);
  const lightness = [46, 36, 58][Math.floor(index / 3) % 3]!;
  const saturation = [62, 50, 70][index % 3]!;
  return `hsl(${hue} ${saturation}% ${lightness}%)`;
}

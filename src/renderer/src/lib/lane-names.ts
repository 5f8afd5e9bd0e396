/**
 * Lane names that fit `fit` characters. A name too long to fit is cut at its end, unless
 * another lane's name begins the same way: then the end is what tells them apart, so the
 * middle goes instead ("Write weekly…for billing", "Write weekly…for search").
 */
export function fitLaneNames(names: readonly string[], fit: number): string[] {
  const room = Math.max(8, fit);
  return names.map((name, index) => {
    if (name.length <= room) return name;
    const head = name.slice(0, room - 1);
    const twin = names.some((other, j) => j !== index && other !== name && other.startsWith(head));
    if (!twin) return `${head}…`;
    const keepEnd = Math.ceil((room - 1) * 0.55);
    return `${name.slice(0, room - 1 - keepEnd)}…${name.slice(name.length - keepEnd)}`;
  });
}

import { COMMAND_USAGES, type CommandName } from '../../messages/chat/command-usages.js';

/** The command a mistyped verb most likely meant (edit distance), or undefined when nothing is close. */
export function closestCommand(typed: string): CommandName | undefined {
  const word = typed.toLowerCase();
  let best: { name: CommandName; distance: number } | undefined;
  for (const name of Object.keys(COMMAND_USAGES) as CommandName[]) {
    const distance = name.startsWith(word) && word.length >= 2 ? 0 : editDistance(word, name);
    if (!best || distance < best.distance) best = { name, distance };
  }
  return best && best.distance <= Math.max(2, Math.floor(best.name.length / 3)) ? best.name : undefined;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current.push(Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost));
    }
    previous = current;
  }
  return previous[b.length]!;
}

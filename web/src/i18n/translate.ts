/** Fills `{name}` placeholders of a catalogue message; unknown names stay visible, never blank. */
import type { MessageKey, Messages } from './en.js';

export function translate(messages: Messages, key: MessageKey, vars: Record<string, string | number> = {}): string {
  return messages[key].replace(/\{(\w+)\}/g, (whole: string, name: string) =>
    name in vars ? String(vars[name]) : whole,
  );
}

/** The placeholder names a message uses, sorted (catalogues must agree on them). */
export function placeholders(message: string): string[] {
  return [...message.matchAll(/\{(\w+)\}/g)].map((m) => m[1] ?? '').sort();
}

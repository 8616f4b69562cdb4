/** Fills `{name}` placeholders of a catalogue message; unknown names stay visible, never blank. */
import type { MessageKey, Messages } from './en.js';

export function translate(messages: Messages, key: MessageKey, vars: Record<string, string | number> = {}): string {
  return fill(messages[key], vars);
}

/** A text with its `{name}` placeholders replaced from `vars`. */
export function fill(text: string, vars: Record<string, string | number>): string {
  return text.replace(/\{(\w+)\}/g, (whole: string, name: string) => (name in vars ? String(vars[name]) : whole));
}

/** The placeholder names a message uses, sorted (catalogues must agree on them). */
export function placeholders(message: string): string[] {
  return [...message.matchAll(/\{(\w+)\}/g)].map((m) => m[1] ?? '').sort();
}

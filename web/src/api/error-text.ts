/** What a caught error says to the person: its message (the hub's problem text arrives as one), or the value as text. */
export function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

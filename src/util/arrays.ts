// Appending one array to another. `into.push(...items)` passes every item as an argument to one call, and overflows
// the stack from about 100,000 items (a 100,000-report build's reports, page models and diagnostics).

/** Appends `items` to `into`, one by one. */
export function pushAll<T>(into: T[], items: readonly T[]): void {
  for (const x of items) into.push(x);
}

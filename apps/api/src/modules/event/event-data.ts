/** Small, flat facts about an event (ids, times, messages): JSON-safe by construction. */
export type EventData = Record<string, string | number | boolean | null | undefined>;

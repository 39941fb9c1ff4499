/** UI strings of the microprojects feature (zh is the source; en must define every key). */
export const zh = {} as const;

export const en: Record<keyof typeof zh, string> = {};

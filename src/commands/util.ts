/** Prints an error (Chinese and English where the error carries both) and exits non-zero. */
export function fail(e: unknown): never {
  const m = e as { msg?: { zh: string; en: string } };
  console.error(m?.msg ? `${m.msg.zh} / ${m.msg.en}` : e instanceof Error ? e.message : String(e));
  process.exit(1);
}

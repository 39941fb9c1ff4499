#!/usr/bin/env node
// `npm run bench`: runs the TypeScript benchmark suite (bench/index.ts) through tsx's
// loader, exactly as bin/gongzhi.mjs runs the CLI, so it needs no build step.
// The same entry point also starts the suite's helper processes (bare Fastify baseline,
// import worker) when bench/index.ts is given a `--role`.
import { register } from 'tsx/esm/api';
register();
await import('../bench/index.ts');

/** `npm run bench`: every benchmark, each printing its figure next to a same-run baseline. */
import { runFoldBench } from './fold.ts';
import { runLatencyBench } from './latency.ts';

console.log(`Concord benchmarks — node ${process.version}, ${new Date().toISOString()}`);
runFoldBench();
await runLatencyBench();
process.exit(0);

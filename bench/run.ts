/** `npm run bench`: every benchmark, each printing its figure next to a same-run baseline. */
import { runFoldBench } from './fold.ts';
import { runLatencyBench } from './latency.ts';
import { printMapFrames, runMapFramesBench } from './map-frames.ts';

console.log(`Concord benchmarks — node ${process.version}, ${new Date().toISOString()}`);
runFoldBench();
await runLatencyBench();
printMapFrames(await runMapFramesBench());
process.exit(0);

// Preload for `node --import`: follows process.memoryUsage() every 100 ms and writes, at exit, the
// largest JS heap seen with the rest of memory at that moment (to $VPN_DOCTOR_HEAP_PEAK_OUT), so a
// profile says whether the peak is JS objects or buffers.
import { writeFileSync } from 'node:fs';
import { setInterval } from 'node:timers';

const out = process.env.VPN_DOCTOR_HEAP_PEAK_OUT;
if (out) {
  let peak = process.memoryUsage();
  const take = () => {
    const now = process.memoryUsage();
    if (now.heapUsed > peak.heapUsed) peak = now;
  };
  setInterval(take, 100).unref();
  process.on('exit', () => {
    take();
    writeFileSync(out, JSON.stringify(peak));
  });
}

// A uPlot time-series chart: one line (optionally stacked areas) per series, spikes marked with red
// flags, and a click on the plot reports the bucket under the cursor.
import { useEffect, useRef } from 'preact/hooks';
import uPlot from 'uplot';

export const PALETTE = {
  complaint: '#d64545',
  question: '#2f6fd1',
  praise: '#1f9d6b',
  suggestion: '#9b59b6',
  other: '#8a94a6',
  negative: '#d64545',
  neutral: '#8a94a6',
  positive: '#1f9d6b',
  total: '#1b2a41',
};
const FALLBACK = ['#2f6fd1', '#e08a1e', '#1f9d6b', '#9b59b6', '#d64545', '#17a2b8', '#8a94a6', '#c2185b'];

export function colorFor(key, i) {
  return PALETTE[key] || FALLBACK[i % FALLBACK.length];
}

function alpha(hex, a) {
  const n = parseInt(hex.slice(1), 16);
  return `rgba(${(n >> 16) & 255},${(n >> 8) & 255},${n & 255},${a})`;
}

// series: [{key, label, values}], x: bucket starts in ms; stacked: draw cumulative filled areas
export function TimeChart({ x, series, spikes = [], stacked = false, height = 300, onPick, selectedIdx = null, testid }) {
  const ref = useRef(null);
  const plot = useRef(null);
  const pickRef = useRef(onPick);
  pickRef.current = onPick;
  const selRef = useRef(selectedIdx);
  selRef.current = selectedIdx;

  useEffect(() => {
    const el = ref.current;
    if (!el || !x || x.length === 0) return;
    const xs = x.map((t) => t / 1000);
    let data;
    const raw = series.map((s) => s.values);
    if (stacked) {
      const acc = new Array(xs.length).fill(0);
      const cum = raw.map((vals) => vals.map((v, i) => (acc[i] += v || 0)));
      data = [xs, ...cum];
    } else {
      data = [xs, ...raw];
    }
    const spikeSet = new Set(spikes.map((s) => s.at));
    const opts = {
      width: el.clientWidth || 800,
      height,
      padding: [16, 28, 0, 4],
      cursor: { points: { size: 8 }, focus: { prox: 24 }, drag: { x: false, y: false } },
      focus: { alpha: 0.35 },
      legend: { show: true, live: true },
      scales: { x: { time: true }, y: { range: (u, min, max) => [0, Math.max(4, max * 1.12)] } },
      axes: [
        { stroke: '#4a5568', grid: { stroke: '#eef1f5' }, ticks: { stroke: '#dde3ea' } },
        { stroke: '#4a5568', grid: { stroke: '#eef1f5' }, ticks: { stroke: '#dde3ea' }, size: 48 },
      ],
      series: [
        { label: 'Time', value: (u, v) => (v === null || v === undefined ? '—' : new Date(v * 1000).toLocaleString()) },
        ...series.map((s, i) => {
          const color = colorFor(s.key, i);
          return {
            label: s.label || s.key,
            stroke: color,
            width: 2,
            fill: stacked ? alpha(color, 0.55) : s.key === 'total' ? alpha(color, 0.06) : undefined,
            points: { show: xs.length <= 60 },
            value: (u, v, si, di) => (di === null || di === undefined ? '—' : String(raw[i][di] ?? 0)),
          };
        }),
      ],
      hooks: {
        draw: [
          (u) => {
            const ctx = u.ctx;
            ctx.save();
            // the picked bucket
            const sel = selRef.current;
            if (sel !== null && sel !== undefined && xs[sel] !== undefined) {
              const cx = u.valToPos(xs[sel], 'x', true);
              ctx.fillStyle = 'rgba(47,111,209,0.10)';
              const w = Math.max(6, (u.bbox.width / xs.length) * 0.9);
              ctx.fillRect(cx - w / 2, u.bbox.top, w, u.bbox.height);
            }
            // spikes: a red dashed line and a flag
            for (const s of spikes) {
              const idx = x.indexOf(s.at);
              if (idx < 0) continue;
              const cx = u.valToPos(xs[idx], 'x', true);
              ctx.strokeStyle = 'rgba(214,69,69,0.75)';
              ctx.setLineDash([4, 4]);
              ctx.lineWidth = 1.5 * devicePixelRatio;
              ctx.beginPath();
              ctx.moveTo(cx, u.bbox.top);
              ctx.lineTo(cx, u.bbox.top + u.bbox.height);
              ctx.stroke();
              ctx.setLineDash([]);
              ctx.fillStyle = '#d64545';
              ctx.beginPath();
              ctx.moveTo(cx, u.bbox.top);
              ctx.lineTo(cx + 10 * devicePixelRatio, u.bbox.top + 4 * devicePixelRatio);
              ctx.lineTo(cx, u.bbox.top + 8 * devicePixelRatio);
              ctx.closePath();
              ctx.fill();
            }
            ctx.restore();
          },
        ],
      },
    };
    const u = new uPlot(opts, data, el);
    plot.current = u;
    el.dataset.spikes = String(spikeSet.size);
    const onClick = () => {
      const idx = u.cursor.idx;
      if (idx === null || idx === undefined || !pickRef.current) return;
      let si = null;
      for (let i = 1; i < u.series.length; i++) if (u.series[i]._focus) si = i - 1;
      pickRef.current(idx, si);
    };
    u.over.addEventListener('click', onClick);
    u.over.style.cursor = onPick ? 'pointer' : 'default';
    const ro = new ResizeObserver(() => u.setSize({ width: el.clientWidth, height }));
    ro.observe(el);
    return () => {
      ro.disconnect();
      u.destroy();
      plot.current = null;
    };
  }, [x, series, spikes, stacked, height]);

  useEffect(() => {
    if (plot.current) plot.current.redraw(false);
  }, [selectedIdx]);

  return <div class="chart" ref={ref} data-testid={testid} />;
}

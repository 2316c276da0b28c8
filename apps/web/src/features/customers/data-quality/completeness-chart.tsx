import ReactECharts from 'echarts-for-react';

export interface CompletenessBar {
  label: string;
  completeness: number;
}

/** Past this many owners the chart scrolls instead of squeezing the bars. */
const VISIBLE_BARS = 15;
const BAR_HEIGHT = 28;

const colorOf = (value: number) => (value >= 80 ? '#2f9e44' : value >= 60 ? '#f08c00' : '#e03131');

/** Horizontal bars of completeness (0–100 %) per owner; clicking a bar picks that owner. */
export function CompletenessChart({ bars, onPick }: { bars: CompletenessBar[]; onPick?: (index: number) => void }) {
  const height = Math.min(Math.max(bars.length, 3), VISIBLE_BARS) * BAR_HEIGHT + 60;
  const scroll = bars.length > VISIBLE_BARS;
  const option = {
    grid: { left: 8, right: scroll ? 64 : 48, top: 8, bottom: 24, containLabel: true },
    tooltip: { trigger: 'item', formatter: (p: { name: string; value: number }) => `${p.name}: ${p.value}%` },
    xAxis: { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%' } },
    // Reversed so the first owner of the table is the top bar.
    yAxis: { type: 'category', inverse: true, data: bars.map((b) => b.label), axisLabel: { width: 120, overflow: 'truncate' } },
    dataZoom: scroll ? [{ type: 'slider', yAxisIndex: 0, right: 8, width: 16, startValue: 0, endValue: VISIBLE_BARS - 1, showDetail: false }, { type: 'inside', yAxisIndex: 0, zoomOnMouseWheel: false, moveOnMouseWheel: true }] : [],
    series: [{
      type: 'bar',
      barMaxWidth: 18,
      data: bars.map((b) => ({ value: b.completeness, itemStyle: { color: colorOf(b.completeness) } })),
      label: { show: true, position: 'right', formatter: '{c}%' },
      cursor: onPick ? 'pointer' : 'default',
    }],
  };
  return (
    <ReactECharts
      option={option}
      style={{ height }}
      notMerge
      onEvents={onPick ? { click: (p: { dataIndex: number }) => onPick(p.dataIndex) } : undefined}
    />
  );
}

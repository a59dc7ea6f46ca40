import * as echarts from 'echarts';

/** Renders an ECharts option to an SVG string on the server (no browser, no canvas). */
export function svgChart(option: echarts.EChartsOption, width = 560, height = 280): string {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
  try {
    chart.setOption({ animation: false, textStyle: { fontFamily: 'PingFang SC, Microsoft YaHei, Noto Sans CJK SC, sans-serif' }, ...option });
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}

/** A bar chart of labelled counts. */
export function barChart(title: string, labels: string[], values: number[], color = '#0a7c66'): string {
  return svgChart({
    title: { text: title, left: 'center', textStyle: { fontSize: 14 } },
    grid: { left: 48, right: 16, top: 56, bottom: 72 },
    xAxis: { type: 'category', data: labels, axisLabel: { interval: 0, rotate: labels.length > 4 ? 35 : 0, fontSize: 11 } },
    // Head-room above the tallest bar so its value label never touches the title.
    yAxis: { type: 'value', minInterval: 1, max: (v: { max: number }) => Math.max(1, Math.ceil(v.max * 1.25)) },
    series: [{ type: 'bar', data: values, itemStyle: { color }, label: { show: true, position: 'top', fontSize: 10 } }],
  });
}

/** A line chart over days. */
export function lineChart(title: string, days: string[], series: Array<{ name: string; values: number[] }>): string {
  return svgChart({
    title: { text: title, left: 'center', textStyle: { fontSize: 14 } },
    legend: { bottom: 0 },
    grid: { left: 48, right: 16, top: 40, bottom: 60 },
    xAxis: { type: 'category', data: days.map((d) => d.slice(5)) },
    yAxis: { type: 'value', minInterval: 1 },
    series: series.map((s) => ({ type: 'line', name: s.name, data: s.values, smooth: false, symbolSize: 5 })),
  });
}

import ReactEChartsCore from 'echarts-for-react/esm/core';
import * as echarts from 'echarts/core';
import { BarChart, LineChart, PieChart } from 'echarts/charts';
import { DatasetComponent, GridComponent, LegendComponent, TitleComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import type { EChartsOption } from 'echarts';

// Only the chart types the app draws are registered: the full echarts bundle is twice the size (STACK.md A2).
echarts.use([BarChart, LineChart, PieChart, DatasetComponent, GridComponent, LegendComponent, TitleComponent, TooltipComponent, CanvasRenderer]);

/**
 * An ECharts chart. Animation is off: figures appear at once, and the browser tests' screenshots show the
 * finished chart rather than bars half-drawn. `echarts-for-react/esm/core` because the CommonJS entry breaks the
 * production build (STACK.md A3).
 */
export function Chart({ option, height = 320, label }: { option: EChartsOption; height?: number; label: string }) {
  return (
    <div role="img" aria-label={label}>
      <ReactEChartsCore echarts={echarts} option={{ animation: false, ...option }} style={{ height }} notMerge />
    </div>
  );
}

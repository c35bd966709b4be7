/* Bar charts for any element .rh-chart with data-chart='[{"name", "value"}, ...]' (ECharts, vendored, SVG):
   the numbers stay in the table beside the chart. */
document.querySelectorAll('.rh-chart').forEach(function (el) {
  var data = JSON.parse(el.dataset.chart || '[]');
  if (!data.length) { el.style.display = 'none'; return; }
  var chart = echarts.init(el, null, {renderer: 'svg'});
  chart.setOption({
    grid: {left: 8, right: 16, top: 8, bottom: 8, containLabel: true},
    tooltip: {trigger: 'axis', axisPointer: {type: 'shadow'}},
    xAxis: {type: 'value'},
    yAxis: {type: 'category', inverse: true, data: data.map(function (d) { return d.name; })},
    series: [{type: 'bar', data: data.map(function (d) { return d.value; }), itemStyle: {color: '#1f6feb', borderRadius: [0, 4, 4, 0]}, barMaxWidth: 18}]
  });
  window.addEventListener('resize', function () { chart.resize(); });
});

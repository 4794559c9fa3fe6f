// Draws each <figure class="chart" data-chart="..."> from the table inside it, with Chart.js loaded on demand.
// The page works without this script: the table is the figure. Runs on first load and after Blazor's enhanced
// navigation, which replaces the page's content without reloading scripts.
(() => {
  'use strict';

  const colours = {
    announced: '#c9a227',
    committed: '#2457a6',
    allocated: '#1f3a5f',
    delivered: '#2e7d32',
  };
  const fallback = ['#2457a6', '#2e7d32', '#c9a227', '#1f3a5f', '#8a5a00'];
  let library = null;

  const euros = new Intl.NumberFormat('en-GB', { style: 'currency', currency: 'EUR', notation: 'compact', maximumFractionDigits: 2 });
  const eurosFull = new Intl.NumberFormat('en-GB', { style: 'currency', currency: 'EUR', maximumFractionDigits: 0 });

  function load(src) {
    if (window.Chart) {
      return Promise.resolve(window.Chart);
    }

    if (!library) {
      library = new Promise((resolve, reject) => {
        const script = document.createElement('script');
        script.src = src;
        script.onload = () => resolve(window.Chart);
        script.onerror = () => { library = null; reject(new Error('Chart.js could not be loaded from ' + src)); };
        document.head.appendChild(script);
      });
    }

    return library;
  }

  function readTable(figure) {
    const table = figure.querySelector('table');
    if (!table) {
      return null;
    }

    const heads = [...table.querySelectorAll('thead th[data-series]')];
    const rows = [...table.querySelectorAll('tbody tr')];
    return {
      table,
      labels: rows.map(r => r.querySelector('th').textContent.trim()),
      series: heads.map((th, i) => ({
        key: th.dataset.series,
        name: th.textContent.trim(),
        values: rows.map(r => { const v = r.querySelectorAll('td')[i].dataset.value; return v === '' ? null : Number(v); }),
      })),
    };
  }

  function draw(figure, Chart) {
    const data = readTable(figure);
    if (!data || data.labels.length === 0) {
      return;
    }

    const kind = figure.dataset.chart;
    // Figures in euros unless the figure says its values are percentages (data-unit="percent").
    const percent = figure.dataset.unit === 'percent';
    const tick = v => (percent ? v + ' %' : euros.format(v));
    const full = v => (percent ? v + ' %' : eurosFull.format(v));
    const horizontal = kind === 'hbar';
    const title = figure.querySelector('.chart-title')?.textContent.trim() ?? 'Chart';

    const holder = document.createElement('div');
    holder.className = 'chart-canvas';
    if (horizontal) {
      holder.style.height = Math.max(16, data.labels.length * 2.2 + 4) + 'rem';
    } else {
      holder.style.height = '18rem';
    }

    const canvas = document.createElement('canvas');
    canvas.setAttribute('role', 'img');
    canvas.setAttribute('aria-label', title + '. The figures are in the table that follows.');
    holder.appendChild(canvas);

    // The table stays in the page, folded under the chart.
    const wrap = data.table.closest('.chart-data') ?? data.table;
    const details = document.createElement('details');
    details.className = 'chart-table';
    const summary = document.createElement('summary');
    summary.textContent = 'Figures as a table';
    wrap.replaceWith(details);
    details.append(summary, wrap);
    figure.insertBefore(holder, details);

    new Chart(canvas, {
      type: kind === 'line' ? 'line' : 'bar',
      data: {
        labels: data.labels,
        datasets: data.series.map((s, i) => ({
          label: s.name,
          data: s.values,
          backgroundColor: colours[s.key] ?? fallback[i % fallback.length],
          borderColor: colours[s.key] ?? fallback[i % fallback.length],
          borderWidth: kind === 'line' ? 2 : 0,
          tension: 0.2,
        })),
      },
      options: {
        indexAxis: horizontal ? 'y' : 'x',
        maintainAspectRatio: false,
        animation: false,
        plugins: {
          legend: { position: 'bottom' },
          tooltip: { callbacks: { label: c => c.dataset.label + ': ' + full(horizontal ? c.parsed.x : c.parsed.y) } },
        },
        scales: {
          [horizontal ? 'x' : 'y']: { beginAtZero: true, ticks: { callback: tick } },
        },
      },
    });
    figure.dataset.drawn = 'true';
  }

  function drawAll() {
    const figures = [...document.querySelectorAll('figure.chart[data-chart]:not([data-drawn])')];
    if (figures.length === 0) {
      return;
    }

    load(figures[0].dataset.library)
      .then(Chart => figures.forEach(f => draw(f, Chart)))
      .catch(error => console.warn(error.message));
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', drawAll);
  } else {
    drawAll();
  }

  if (window.Blazor && typeof window.Blazor.addEventListener === 'function') {
    window.Blazor.addEventListener('enhancedload', drawAll);
  }
})();

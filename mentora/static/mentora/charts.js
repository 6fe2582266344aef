// Draws the charts of includes/chart.html with Chart.js. Each chart's figures come from the
// JSON beside its canvas and are also in its table, so nothing here is the only reading.
(function () {
  "use strict";

  var reducedMotion = window.matchMedia("(prefers-reduced-motion: reduce)");

  function onReady(fn) {
    if (document.readyState !== "loading") fn();
    else document.addEventListener("DOMContentLoaded", fn);
  }

  // Colours live in the stylesheet (--chart-1…), so a theme changes them in one place.
  function cssValue(element, name) {
    return getComputedStyle(element).getPropertyValue(name).trim();
  }

  function palette(element) {
    var colours = [];
    for (var i = 1; ; i++) {
      var colour = cssValue(element, "--chart-" + i);
      if (!colour) break;
      colours.push(colour);
    }
    return colours.length ? colours : [cssValue(element, "--brand") || "#0f766e"];
  }

  // Figures read as the page's language writes them: "3,8" and "90 %" in French, with the
  // same narrow no-break space as the server's percent filter.
  function numberFormat(locale, unit, decimals) {
    var options = { minimumFractionDigits: decimals, maximumFractionDigits: decimals };
    if (unit === "percent") options.style = "percent";
    var format = new Intl.NumberFormat(locale, options);
    return function (value) {
      if (value === null || value === undefined) return "—";
      return format.format(unit === "percent" ? value / 100 : value);
    };
  }

  function axisTitle(text) {
    return { display: Boolean(text), text: text };
  }

  function config(spec, element) {
    var locale = document.documentElement.lang || undefined;
    var format = numberFormat(locale, spec.unit, spec.decimals);
    var colours = palette(element);
    var line = spec.type === "line";
    // French sets a no-break space before a colon.
    var colon = locale === "fr" ? "\u00a0: " : ": ";
    var datasets = spec.datasets.map(function (dataset, index) {
      var colour = colours[index % colours.length];
      return {
        label: dataset.label,
        data: dataset.data,
        backgroundColor: colour,
        borderColor: colour,
        borderWidth: line ? 2 : 0,
        pointRadius: line ? 3 : undefined,
        spanGaps: false,
      };
    });
    var ink = cssValue(element, "--ink");
    var grid = cssValue(element, "--line");
    return {
      type: spec.type,
      data: { labels: spec.labels, datasets: datasets },
      options: {
        locale: locale,
        responsive: true,
        maintainAspectRatio: false,
        animation: reducedMotion.matches ? false : { duration: 400 },
        color: ink,
        font: { family: getComputedStyle(element).fontFamily },
        scales: {
          x: { title: axisTitle(spec.xTitle), ticks: { color: ink }, grid: { color: grid } },
          y: {
            beginAtZero: true,
            title: axisTitle(spec.yTitle),
            // Ticks carry no more decimals than the figures: no "0.5 answers" on the axis.
            ticks: {
              color: ink,
              precision: spec.decimals,
              callback: function (value) { return format(value); },
            },
            grid: { color: grid },
          },
        },
        plugins: {
          legend: { display: datasets.length > 1, labels: { color: ink } },
          tooltip: {
            callbacks: {
              label: function (context) {
                return context.dataset.label + colon + format(context.parsed.y);
              },
            },
          },
        },
      },
    };
  }

  function draw(container) {
    var canvas = container.querySelector("canvas");
    var data = container.querySelector('script[type="application/json"]');
    if (!canvas || !data || container.hasAttribute("data-chart-drawn")) return;
    container.setAttribute("data-chart-drawn", "");
    if (typeof window.Chart === "undefined") {
      // Without Chart.js the figures stay readable: show the table instead of a blank area.
      container.querySelector("[data-chart-table]").open = true;
      container.classList.add("chart--table-only");
      return;
    }
    new window.Chart(canvas, config(JSON.parse(data.textContent), container));
  }

  function drawWithin(root) {
    if (root.matches && root.matches("[data-chart]")) draw(root);
    if (root.querySelectorAll) root.querySelectorAll("[data-chart]").forEach(draw);
  }

  onReady(function () { drawWithin(document); });
  // Content swapped in by htmx carries its own charts.
  document.addEventListener("htmx:load", function (event) { drawWithin(event.detail.elt); });
})();
